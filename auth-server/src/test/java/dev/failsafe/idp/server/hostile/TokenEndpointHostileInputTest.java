package dev.failsafe.idp.server.hostile;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import org.junit.jupiter.api.Test;

import static dev.failsafe.idp.server.hostile.ProtocolAssertions.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /oauth2/token} under hostile input: client authentication, grant types and the request's
 * shape (method, content type, size, encoding, repeated parameters). Every refusal is RFC 6749
 * section 5.2 JSON with the right status, and changes nothing stored. Codes and refresh tokens
 * presented wrongly are {@link TokenGrantHostileInputTest}'s.
 */
class TokenEndpointHostileInputTest extends HostileInputSupport {

	private static final String TOKEN = "/oauth2/token";

	private static final String CLIENT_CREDENTIALS = form("grant_type", "client_credentials", "scope", "orders.read");

	@Test
	void tokenWhenBasicSecretWrongThen401WithBasicChallengeAndCodeNotConsumed() {
		Grants.IssuedCode code = grants().shopCode();
		BackChannel.Reply refused = postForm(TOKEN, Demo.SHOP, "wrong-secret", exchange(code));
		assertJsonError(refused, 401, "invalid_client");
		assertThat(refused.raw().headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(value -> assertThat(value).startsWith("Basic realm="));

		assertThat(grants().redeem(code).status()).as("the code still works").isEqualTo(200);
	}

	@Test
	void tokenWhenPostSecretWrongThen401WithoutBasicChallenge() {
		BackChannel.Reply refused = postForm(TOKEN, null, null, form("grant_type", "client_credentials", "client_id",
				Demo.PARTNER_API, "client_secret", "wrong-secret"));
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
		BackChannel.Reply refused = postForm(TOKEN, Demo.PARTNER_API, Demo.PARTNER_API_SECRET,
				form("grant_type", "client_credentials", "client_id", Demo.PARTNER_API, "client_secret",
						"anything"));
		assertJsonError(refused, 400, "invalid_request");
		assertThat(refused.json()).doesNotContainKey("access_token");
	}

	@Test
	void tokenWhenPublicClientSendsNoVerifierThen401InvalidClient() {
		assertJsonError(postForm(TOKEN, null, null, form("grant_type", "authorization_code", "client_id",
				Demo.SPA, "code", "some-code", "redirect_uri", Demo.SPA_REDIRECT_URI)), 401,
				"invalid_client");
	}

	@Test
	void tokenWhenGrantTypeUnsupportedThen400UnsupportedGrantType() {
		assertJsonError(postForm(TOKEN, Demo.PARTNER_API, Demo.PARTNER_API_SECRET,
				form("grant_type", "password", "username", Demo.USERNAME, "password", Demo.PASSWORD)), 400,
				"unsupported_grant_type");
	}

	@Test
	void tokenWhenGrantTypeNotAllowedForClientThen400UnauthorizedClient() {
		assertJsonError(postForm(TOKEN, Demo.SHOP, Demo.SHOP_SECRET, CLIENT_CREDENTIALS), 400,
				"unauthorized_client");
	}

	@Test
	void tokenWhenGrantTypeMissingThen400InvalidRequest() {
		assertJsonError(
				postForm(TOKEN, Demo.PARTNER_API, Demo.PARTNER_API_SECRET, form("scope", "orders.read")),
				400, "invalid_request");
	}

	@Test
	void tokenWhenGrantTypeDuplicatedThen400InvalidRequest() {
		assertJsonError(postForm(TOKEN, Demo.PARTNER_API, Demo.PARTNER_API_SECRET,
				form("grant_type", "client_credentials", "grant_type", "client_credentials")), 400, "invalid_request");
	}

	@Test
	void tokenWhenParameterRepeatedInQueryAndBodyThen400InvalidRequest() {
		assertJsonError(reply(request(TOKEN + "?scope=orders.write")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Authorization", BackChannel.basic(Demo.PARTNER_API, Demo.PARTNER_API_SECRET))
			.POST(HttpRequest.BodyPublishers.ofString(CLIENT_CREDENTIALS))), 400, "invalid_request");
	}

	@Test
	void tokenWhenBodyIsJsonThen400InvalidRequest() {
		BackChannel.Reply refused = reply(request(TOKEN).header("Content-Type", "application/json")
			.header("Authorization", BackChannel.basic(Demo.PARTNER_API, Demo.PARTNER_API_SECRET))
			.POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\",")));
		assertJsonError(refused, 400, "invalid_request");
		assertThat(refused.string("error_description")).contains("application/x-www-form-urlencoded");
	}

	@Test
	void tokenWhenContentTypeMissingThen400InvalidRequest() {
		assertJsonError(reply(request(TOKEN)
			.header("Authorization", BackChannel.basic(Demo.PARTNER_API, Demo.PARTNER_API_SECRET))
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
			.header("Authorization", BackChannel.basic(Demo.PARTNER_API, Demo.PARTNER_API_SECRET))
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
			.header("Authorization", BackChannel.basic(Demo.PARTNER_API, Demo.PARTNER_API_SECRET))
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

}
