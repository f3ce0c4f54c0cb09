package dev.failsafe.idp.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BrowserLoginTest {

	@Test
	void tokensParseWhenATokenResponseThenAccessAndRefreshTokensAreRead() {
		BrowserLogin.Tokens tokens = BrowserLogin.Tokens
			.parse("{\"access_token\":\"at\",\"refresh_token\":\"rt\",\"token_type\":\"Bearer\",\"expires_in\":299}");

		assertThat(tokens).isEqualTo(new BrowserLogin.Tokens("at", "rt"));
	}

	@Test
	void httpFormWhenNamesRepeatThenEachPairIsEncoded() {
		assertThat(Http.form("scope", "openid", "scope", "orders.read", "redirect_uri", "http://a/b?c=d"))
			.isEqualTo("scope=openid&scope=orders.read&redirect_uri=http%3A%2F%2Fa%2Fb%3Fc%3Dd");
	}

}
