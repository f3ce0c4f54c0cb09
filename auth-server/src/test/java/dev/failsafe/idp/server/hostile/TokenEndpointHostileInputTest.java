package dev.failsafe.idp.server.hostile;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import dev.failsafe.idp.server.demo.DemoTenant;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.Pkce;
import org.junit.jupiter.api.Test;

import static dev.failsafe.idp.server.hostile.ProtocolAssertions.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /oauth2/token} under hostile input: every refusal is RFC 6749 section 5.2 JSON with the
 * right status, and a refused request changes nothing stored, except where refusing means revoking
 * (a replayed code, a reused refresh token, a code presented by another client).
 */
class TokenEndpointHostileInputTest extends HostileInputSupport {

	private static final String TOKEN = "/oauth2/token";

	private static final String CLIENT_CREDENTIALS = form("grant_type", "client_credentials", "scope", "orders.read");

	@Test
	void tokenWhenBasicSecretWrongThen401WithBasicChallengeAndCodeNotConsumed() {
		Grants.IssuedCode code = grants().shopCode();
		BackChannel.Reply refused = postForm(TOKEN, DemoTenant.SHOP, "wrong-secret", exchange(code));
		assertJsonError(refused, 401, "invalid_client");
		assertThat(refused.raw().headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(value -> assertThat(value).startsWith("Basic realm="));

		assertThat(grants().redeem(code).status()).as("the code still works").isEqualTo(200);
	}

	@Test
	void tokenWhenPostSecretWrongThen401WithoutBasicChallenge() {
		BackChannel.Reply refused = postForm(TOKEN, null, null, form("grant_type", "client_credentials", "client_id",
				DemoTenant.PARTNER_API, "client_secret", "wrong-secret"));
		assertJsonError(refused, 401, "invalid_client");
		assertThat(refused.raw().headers().firstValue("WWW-Authenticate")).isEmpty();
	}

	@Test
	void tokenWhenClientUnknownThen401InvalidClient() {
		assertJsonError(postForm(TOKEN, "no-such-client", "secret", CLIENT_CREDENTIALS), 401, "invalid_client");
	}

	@Test
	void tokenWhenNoClientAuthenticationThen401InvalidClient() {
		BackChannel.Reply refused = postForm(TOKEN, null, null, CLIENT_CREDENTIALS);
		assertJsonError(refused, 401, "invalid_client");
		assertThat(refused.json()).containsEntry("error_description", "Client authentication failed.");
	}

	@Test
	void tokenWhenBasicHeaderMalformedThen400InvalidRequest() {
		assertJsonError(reply(request(TOKEN).header("Content-Type", "application/x-www-form-urlencoded")
			.header("Authorization", "Basic %%%not-base64")
			.POST(HttpRequest.BodyPublishers.ofString(CLIENT_CREDENTIALS))), 400, "invalid_request");
	}

	@Test
	void tokenWhenBasicAndPostAuthenticationTogetherThen400InvalidRequest() {
		BackChannel.Reply refused = postForm(TOKEN, DemoTenant.PARTNER_API, DemoTenant.PARTNER_API_SECRET,
				form("grant_type", "client_credentials", "client_id", DemoTenant.PARTNER_API, "client_secret",
						"anything"));
		assertJsonError(refused, 400, "invalid_request");
		assertThat(refused.json()).doesNotContainKey("access_token");
	}

	@Test
	void tokenWhenPublicClientSendsNoVerifierThen401InvalidClient() {
		assertJsonError(postForm(TOKEN, null, null, form("grant_type", "authorization_code", "client_id",
				DemoTenant.SPA, "code", "some-code", "redirect_uri", DemoTenant.SPA_REDIRECT_URI)), 401,
				"invalid_client");
	}

	@Test
	void tokenWhenGrantTypeUnsupportedThen400UnsupportedGrantType() {
		assertJsonError(postForm(TOKEN, DemoTenant.PARTNER_API, DemoTenant.PARTNER_API_SECRET,
				form("grant_type", "password", "username", DemoTenant.USERNAME, "password", DemoTenant.PASSWORD)), 400,
				"unsupported_grant_type");
	}

	@Test
	void tokenWhenGrantTypeNotAllowedForClientThen400UnauthorizedClient() {
		assertJsonError(postForm(TOKEN, DemoTenant.SHOP, DemoTenant.SHOP_SECRET, CLIENT_CREDENTIALS), 400,
				"unauthorized_client");
	}

	@Test
	void tokenWhenGrantTypeMissingThen400InvalidRequest() {
		assertJsonError(
				postForm(TOKEN, DemoTenant.PARTNER_API, DemoTenant.PARTNER_API_SECRET, form("scope", "orders.read")),
				400, "invalid_request");
	}

	@Test
	void tokenWhenGrantTypeDuplicatedThen400InvalidRequest() {
		assertJsonError(postForm(TOKEN, DemoTenant.PARTNER_API, DemoTenant.PARTNER_API_SECRET,
				form("grant_type", "client_credentials", "grant_type", "client_credentials")), 400, "invalid_request");
	}

	/** A repeated code or verifier used to reach Spring's PKCE check as an array: a 500. */
	@Test
	void exchangeWhenCodeOrVerifierRepeatedThen400InvalidRequestAndCodeNotConsumed() {
		Grants.IssuedCode code = grants().shopCode();
		BackChannel.Reply repeatedCode = postForm(TOKEN, DemoTenant.SHOP, DemoTenant.SHOP_SECRET,
				exchange(code) + "&" + form("code", code.value()));
		assertJsonError(repeatedCode, 400, "invalid_request");
		assertThat(repeatedCode.string("error_description")).startsWith("OAuth 2.0 Parameter: code is repeated");
		assertJsonError(postForm(TOKEN, DemoTenant.SHOP, DemoTenant.SHOP_SECRET,
				exchange(code) + "&" + form("code_verifier", code.pkce().verifier())), 400, "invalid_request");
		assertThat(grants().redeem(code).status()).as("the code still works").isEqualTo(200);
	}

	@Test
	void exchangeWhenPublicClientRepeatsCodeThen400InvalidRequest() {
		assertJsonError(postForm(TOKEN, null, null, form("grant_type", "authorization_code", "client_id",
				DemoTenant.SPA, "code", "a", "code", "b", "redirect_uri", DemoTenant.SPA_REDIRECT_URI, "code_verifier",
				Pkce.create().verifier())), 400, "invalid_request");
	}

	@Test
	void tokenWhenParameterRepeatedInQueryAndBodyThen400InvalidRequest() {
		assertJsonError(reply(request(TOKEN + "?scope=orders.write")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Authorization", BackChannel.basic(DemoTenant.PARTNER_API, DemoTenant.PARTNER_API_SECRET))
			.POST(HttpRequest.BodyPublishers.ofString(CLIENT_CREDENTIALS))), 400, "invalid_request");
	}

	@Test
	void exchangeWhenCodeMissingThen400InvalidRequest() {
		assertJsonError(postForm(TOKEN, DemoTenant.SHOP, DemoTenant.SHOP_SECRET, form("grant_type",
				"authorization_code", "redirect_uri", DemoTenant.SHOP_REDIRECT_URI, "code_verifier", "v".repeat(43))),
				400, "invalid_request");
	}

	@Test
	void exchangeWhenCodeUnknownThen400InvalidGrant() {
		assertJsonError(postForm(TOKEN, DemoTenant.SHOP, DemoTenant.SHOP_SECRET,
				exchange(new Grants.IssuedCode("no-such-code", Pkce.create()))), 400, "invalid_grant");
	}

	@Test
	void exchangeWhenRedirectUriDiffersThen400InvalidGrantAndCodeNotConsumed() {
		Grants.IssuedCode code = grants().shopCode();
		assertJsonError(postForm(TOKEN, DemoTenant.SHOP, DemoTenant.SHOP_SECRET,
				form("grant_type", "authorization_code", "code", code.value(), "redirect_uri",
						DemoTenant.SHOP_REDIRECT_URI + "/", "code_verifier", code.pkce().verifier())),
				400, "invalid_grant");
		assertThat(grants().redeem(code).status()).as("the code still works").isEqualTo(200);
	}

	/** Spring checks the verifier during client authentication, before the code is touched. */
	@Test
	void exchangeWhenVerifierWrongThen400InvalidGrantAndCodeNotConsumed() {
		Grants.IssuedCode code = grants().shopCode();
		assertJsonError(postForm(TOKEN, DemoTenant.SHOP, DemoTenant.SHOP_SECRET,
				exchange(new Grants.IssuedCode(code.value(), Pkce.create()))), 400, "invalid_grant");
		assertThat(grants().redeem(code).status()).as("the code still works").isEqualTo(200);
	}

	@Test
	void exchangeWhenVerifierMissingThen400InvalidGrantAndCodeNotConsumed() {
		Grants.IssuedCode code = grants().shopCode();
		assertJsonError(postForm(TOKEN, DemoTenant.SHOP, DemoTenant.SHOP_SECRET, form("grant_type",
				"authorization_code", "code", code.value(), "redirect_uri", DemoTenant.SHOP_REDIRECT_URI)), 400,
				"invalid_grant");
		assertThat(grants().redeem(code).status()).as("the code still works").isEqualTo(200);
	}

	/** Spring burns a code another client presents: it has leaked, so the shop cannot use it either. */
	@Test
	void exchangeWhenAnotherClientPresentsCodeThen400InvalidGrantAndCodeRevoked() {
		Grants.IssuedCode code = grants().shopCode();
		assertJsonError(postForm(TOKEN, DemoTenant.PARTNER_API, DemoTenant.PARTNER_API_SECRET, exchange(code)), 400,
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
		assertJsonError(postForm(TOKEN, DemoTenant.SHOP, "wrong-secret", refresh(refreshToken)), 401,
				"invalid_client");

		assertThat(active(tokens.string("access_token"))).isTrue();
		assertThat(grants().refresh(refreshToken).status()).as("the refresh token still works").isEqualTo(200);
	}

	@Test
	void refreshWhenAnotherClientPresentsTokenThen400InvalidGrantAndTokenNeitherRotatedNorRevoked() {
		BackChannel.Reply tokens = grants().shopTokens();
		String refreshToken = tokens.string("refresh_token");
		assertJsonError(postForm(TOKEN, DemoTenant.PARTNER_API, DemoTenant.PARTNER_API_SECRET, refresh(refreshToken)),
				400, "invalid_grant");

		assertThat(active(tokens.string("access_token"))).isTrue();
		assertThat(grants().refresh(refreshToken).status()).as("the refresh token still works").isEqualTo(200);
	}

	@Test
	void refreshWhenScopeWidenedThen400InvalidScope() {
		BackChannel.Reply tokens = grants().shopTokens();
		assertJsonError(postForm(TOKEN, DemoTenant.SHOP, DemoTenant.SHOP_SECRET,
				refresh(tokens.string("refresh_token")) + "&" + form("scope", "openid orders.write")), 400,
				"invalid_scope");
		assertThat(grants().refresh(tokens.string("refresh_token")).status()).isEqualTo(200);
	}

	@Test
	void tokenWhenBodyIsJsonThen400InvalidRequest() {
		BackChannel.Reply refused = reply(request(TOKEN).header("Content-Type", "application/json")
			.header("Authorization", BackChannel.basic(DemoTenant.PARTNER_API, DemoTenant.PARTNER_API_SECRET))
			.POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\",")));
		assertJsonError(refused, 400, "invalid_request");
		assertThat(refused.string("error_description")).contains("application/x-www-form-urlencoded");
	}

	@Test
	void tokenWhenContentTypeMissingThen400InvalidRequest() {
		assertJsonError(reply(request(TOKEN)
			.header("Authorization", BackChannel.basic(DemoTenant.PARTNER_API, DemoTenant.PARTNER_API_SECRET))
			.POST(HttpRequest.BodyPublishers.ofString(CLIENT_CREDENTIALS))), 400, "invalid_request");
	}

	@Test
	void tokenWhenContentTypeUnparseableThen400InvalidRequest() {
		assertJsonError(reply(formRequest(CLIENT_CREDENTIALS).setHeader("Content-Type", "form;;;===")), 400,
				"invalid_request");
	}

	/** Decided: 405 with Allow (RFC 9110) and the JSON error body, not a login redirect. */
	@Test
	void tokenWhenGetThen405WithAllowPost() {
		BackChannel.Reply refused = reply(request(TOKEN + "?" + CLIENT_CREDENTIALS)
			.header("Authorization", BackChannel.basic(DemoTenant.PARTNER_API, DemoTenant.PARTNER_API_SECRET))
			.GET());
		assertJsonError(refused, 405, "invalid_request");
		assertThat(refused.raw().headers().firstValue("Allow")).hasValue("POST");
		assertThat(refused.json()).doesNotContainKey("access_token");
	}

	@Test
	void tokenWhenPutOrDeleteThen405WithAllowPost() {
		BackChannel.Reply put = reply(formRequest(CLIENT_CREDENTIALS).method("PUT",
				HttpRequest.BodyPublishers.ofString(CLIENT_CREDENTIALS)));
		assertJsonError(put, 405, "invalid_request");
		assertThat(put.raw().headers().firstValue("Allow")).hasValue("POST");
		assertJsonError(reply(request(TOKEN).DELETE()), 405, "invalid_request");
	}

	@Test
	void tokenWhenBodyLargerThanLimitThen400InvalidRequest() {
		BackChannel.Reply refused = reply(formRequest(CLIENT_CREDENTIALS + "&pad=" + "a".repeat(70 * 1024)));
		assertJsonError(refused, 400, "invalid_request");
		assertThat(refused.string("error_description")).isEqualTo("The request is too large.");
	}

	@Test
	void tokenWhenChunkedBodyLargerThanLimitThen400InvalidRequest() {
		byte[] body = (CLIENT_CREDENTIALS + "&pad=" + "a".repeat(70 * 1024)).getBytes(StandardCharsets.US_ASCII);
		assertJsonError(reply(formRequest("").POST(
				HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))), 400,
				"invalid_request");
	}

	@Test
	void tokenWhenTooManyParametersThen400InvalidRequest() {
		StringBuilder body = new StringBuilder(CLIENT_CREDENTIALS);
		for (int i = 0; i < 1500; i++) {
			body.append("&p").append(i).append("=1");
		}
		assertJsonError(reply(formRequest(body.toString())), 400, "invalid_request");
	}

	@Test
	void tokenWhenFormEncodingBrokenThen400InvalidRequest() {
		assertJsonError(reply(formRequest("grant_type=client_credentials&scope=%zz")), 400, "invalid_request");
	}

	private static HttpRequest.Builder formRequest(String body) {
		return request(TOKEN).header("Content-Type", "application/x-www-form-urlencoded")
			.header("Authorization", BackChannel.basic(DemoTenant.PARTNER_API, DemoTenant.PARTNER_API_SECRET))
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	private static String exchange(Grants.IssuedCode code) {
		return form("grant_type", "authorization_code", "code", code.value(), "redirect_uri",
				DemoTenant.SHOP_REDIRECT_URI, "code_verifier", code.pkce().verifier());
	}

	private static String refresh(String refreshToken) {
		return form("grant_type", "refresh_token", "refresh_token", refreshToken);
	}

}
