package dev.failsafe.idp.bench.load;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BrowserLoginTest {

	@Test
	void queryWhenARedirectCarriesACodeThenItsParametersAreDecoded() {
		Map<String, String> query = BrowserLogin
			.query(URI.create("http://127.0.0.1:8081/cb?code=a%2Fb&state=s%20t&iss=http%3A%2F%2F127.0.0.1"));

		assertThat(query).containsEntry("code", "a/b").containsEntry("state", "s t").containsEntry("iss", "http://127.0.0.1");
	}

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

	@Test
	void rememberKeepsSetCookiesAndDropsExpiredOnes() {
		Map<String, String> jar = new LinkedHashMap<>(Map.of("OLD", "1"));

		BrowserLogin.rememberAll(java.util.List.of("IDPSESSION=abc; Path=/; HttpOnly", "OLD=; Max-Age=0; Path=/"), jar);

		assertThat(jar).containsExactly(Map.entry("IDPSESSION", "abc"));
	}

}
