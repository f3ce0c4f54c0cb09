package dev.failsafe.idp.server.hostile;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.Pkce;
import org.junit.jupiter.api.Test;

import static dev.failsafe.idp.server.hostile.ProtocolAssertions.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Codes and refresh tokens presented wrongly to {@code /oauth2/token}: refused with RFC 6749 section
 * 5.2 JSON, and the grant still usable, except where refusing means revoking (a replayed code, a
 * reused refresh token, a code presented by another client). The requests' shape and client
 * authentication are {@link TokenEndpointHostileInputTest}'s.
 */
class TokenGrantHostileInputTest extends HostileInputSupport {

	private static final String TOKEN = "/oauth2/token";

	/** A repeated code or verifier used to reach Spring's PKCE check as an array: a 500. */
	@Test
	void exchangeWhenCodeOrVerifierRepeatedThen400InvalidRequestAndCodeNotConsumed() {
		Grants.IssuedCode code = grants().shopCode();
		BackChannel.Reply repeatedCode = postForm(TOKEN, Demo.SHOP, Demo.SHOP_SECRET,
				exchange(code) + "&" + form("code", code.value()));
		assertJsonError(repeatedCode, 400, "invalid_request");
		assertThat(repeatedCode.string("error_description")).startsWith("OAuth 2.0 Parameter: code is repeated");
		assertJsonError(postForm(TOKEN, Demo.SHOP, Demo.SHOP_SECRET,
				exchange(code) + "&" + form("code_verifier", code.pkce().verifier())), 400, "invalid_request");
		assertThat(grants().redeem(code).status()).as("the code still works").isEqualTo(200);
	}

	@Test
	void exchangeWhenPublicClientRepeatsCodeThen400InvalidRequest() {
		assertJsonError(postForm(TOKEN, null, null, form("grant_type", "authorization_code", "client_id",
				Demo.SPA, "code", "a", "code", "b", "redirect_uri", Demo.SPA_REDIRECT_URI, "code_verifier",
				Pkce.create().verifier())), 400, "invalid_request");
	}

	@Test
	void exchangeWhenCodeMissingThen400InvalidRequest() {
		assertJsonError(postForm(TOKEN, Demo.SHOP, Demo.SHOP_SECRET, form("grant_type",
				"authorization_code", "redirect_uri", Demo.SHOP_REDIRECT_URI, "code_verifier", "v".repeat(43))),
				400, "invalid_request");
	}

	@Test
	void exchangeWhenCodeUnknownThen400InvalidGrant() {
		assertJsonError(postForm(TOKEN, Demo.SHOP, Demo.SHOP_SECRET,
				exchange(new Grants.IssuedCode("no-such-code", Pkce.create()))), 400, "invalid_grant");
	}

	@Test
	void exchangeWhenRedirectUriDiffersThen400InvalidGrantAndCodeNotConsumed() {
		Grants.IssuedCode code = grants().shopCode();
		assertJsonError(postForm(TOKEN, Demo.SHOP, Demo.SHOP_SECRET,
				form("grant_type", "authorization_code", "code", code.value(), "redirect_uri",
						Demo.SHOP_REDIRECT_URI + "/", "code_verifier", code.pkce().verifier())),
				400, "invalid_grant");
		assertThat(grants().redeem(code).status()).as("the code still works").isEqualTo(200);
	}

	/** Spring checks the verifier during client authentication, before the code is touched. */
	@Test
	void exchangeWhenVerifierWrongThen400InvalidGrantAndCodeNotConsumed() {
		Grants.IssuedCode code = grants().shopCode();
		assertJsonError(postForm(TOKEN, Demo.SHOP, Demo.SHOP_SECRET,
				exchange(new Grants.IssuedCode(code.value(), Pkce.create()))), 400, "invalid_grant");
		assertThat(grants().redeem(code).status()).as("the code still works").isEqualTo(200);
	}

	@Test
	void exchangeWhenVerifierMissingThen400InvalidGrantAndCodeNotConsumed() {
		Grants.IssuedCode code = grants().shopCode();
		assertJsonError(postForm(TOKEN, Demo.SHOP, Demo.SHOP_SECRET, form("grant_type",
				"authorization_code", "code", code.value(), "redirect_uri", Demo.SHOP_REDIRECT_URI)), 400,
				"invalid_grant");
		assertThat(grants().redeem(code).status()).as("the code still works").isEqualTo(200);
	}

	/** Spring burns a code another client presents: it has leaked, so the shop cannot use it either. */
	@Test
	void exchangeWhenAnotherClientPresentsCodeThen400InvalidGrantAndCodeRevoked() {
		Grants.IssuedCode code = grants().shopCode();
		assertJsonError(postForm(TOKEN, Demo.PARTNER_API, Demo.PARTNER_API_SECRET, exchange(code)), 400,
				"invalid_grant");
		assertJsonError(grants().redeem(code), 400, "invalid_grant");
	}

	@Test
	void exchangeWhenCodeReplayedThen400InvalidGrantAndTokensOfFirstUseRevoked() {
		Grants.IssuedCode code = grants().shopCode();
		BackChannel.Reply first = grants().redeem(code);
		assertThat(first.status()).isEqualTo(200);
		assertThat(active(first.string("access_token"))).isTrue();

		assertJsonError(grants().redeem(code), 400, "invalid_grant");

		assertThat(active(first.string("access_token"))).as("first access token").isFalse();
		assertThat(active(first.string("refresh_token"))).as("first refresh token").isFalse();
		assertJsonError(grants().refresh(first.string("refresh_token")), 400, "invalid_grant");
	}

	@Test
	void refreshWhenRotatedTokenReusedThen400InvalidGrantAndWholeFamilyRevoked() {
		BackChannel.Reply first = grants().shopTokens();
		BackChannel.Reply rotated = grants().refresh(first.string("refresh_token"));
		assertThat(rotated.status()).as(rotated.raw().body()).isEqualTo(200);
		String newest = rotated.string("refresh_token");
		assertThat(newest).isNotEqualTo(first.string("refresh_token"));

		assertJsonError(grants().refresh(first.string("refresh_token")), 400, "invalid_grant");

		assertThat(active(rotated.string("access_token"))).as("newest access token").isFalse();
		assertJsonError(grants().refresh(newest), 400, "invalid_grant");
	}

	@Test
	void refreshWhenClientSecretWrongThen401AndTokenNeitherRotatedNorRevoked() {
		BackChannel.Reply tokens = grants().shopTokens();
		String refreshToken = tokens.string("refresh_token");
		assertJsonError(postForm(TOKEN, Demo.SHOP, "wrong-secret", refresh(refreshToken)), 401,
				"invalid_client");

		assertThat(active(tokens.string("access_token"))).isTrue();
		assertThat(grants().refresh(refreshToken).status()).as("the refresh token still works").isEqualTo(200);
	}

	@Test
	void refreshWhenAnotherClientPresentsTokenThen400InvalidGrantAndTokenNeitherRotatedNorRevoked() {
		BackChannel.Reply tokens = grants().shopTokens();
		String refreshToken = tokens.string("refresh_token");
		assertJsonError(postForm(TOKEN, Demo.PARTNER_API, Demo.PARTNER_API_SECRET, refresh(refreshToken)),
				400, "invalid_grant");

		assertThat(active(tokens.string("access_token"))).isTrue();
		assertThat(grants().refresh(refreshToken).status()).as("the refresh token still works").isEqualTo(200);
	}

	@Test
	void refreshWhenScopeWidenedThen400InvalidScope() {
		BackChannel.Reply tokens = grants().shopTokens();
		assertJsonError(postForm(TOKEN, Demo.SHOP, Demo.SHOP_SECRET,
				refresh(tokens.string("refresh_token")) + "&" + form("scope", "openid orders.write")), 400,
				"invalid_scope");
		assertThat(grants().refresh(tokens.string("refresh_token")).status()).isEqualTo(200);
	}

	private static String refresh(String refreshToken) {
		return form("grant_type", "refresh_token", "refresh_token", refreshToken);
	}

}
