package dev.failsafe.idp.server.hostile;

import java.net.http.HttpRequest;
import java.util.Map;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import org.junit.jupiter.api.Test;

import static dev.failsafe.idp.server.hostile.ProtocolAssertions.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /oauth2/introspect} (RFC 7662) under hostile input: an unauthenticated caller learns
 * nothing, an unknown token is simply inactive, and nothing is changed by asking.
 */
class IntrospectionEndpointHostileInputTest extends HostileInputSupport {

	private static final String INTROSPECT = "/oauth2/introspect";

	@Test
	void introspectWhenNoClientAuthenticationThen401InvalidClientAndNoClaims() {
		String token = partnerAccessToken();
		BackChannel.Reply refused = postForm(INTROSPECT, null, null, form("token", token));
		assertJsonError(refused, 401, "invalid_client");
		assertThat(refused.json()).doesNotContainKeys("active", "sub");
		assertThat(active(token)).isTrue();
	}

	@Test
	void introspectWhenClientSecretWrongThen401WithBasicChallenge() {
		BackChannel.Reply refused = postForm(INTROSPECT, Demo.PARTNER_API, "wrong-secret",
				form("token", partnerAccessToken()));
		assertJsonError(refused, 401, "invalid_client");
		assertThat(refused.raw().headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(value -> assertThat(value).startsWith("Basic realm="));
		assertThat(refused.json()).doesNotContainKey("active");
	}

	@Test
	void introspectWhenBasicAndPostAuthenticationTogetherThen400InvalidRequest() {
		assertJsonError(postForm(INTROSPECT, Demo.PARTNER_API, Demo.PARTNER_API_SECRET,
				form("token", "x", "client_id", Demo.PARTNER_API, "client_secret", "x")), 400,
				"invalid_request");
	}

	@Test
	void introspectWhenTokenMissingThen400InvalidRequest() {
		assertJsonError(postForm(INTROSPECT, Demo.PARTNER_API, Demo.PARTNER_API_SECRET,
				form("token_type_hint", "access_token")), 400, "invalid_request");
	}

	@Test
	void introspectWhenTokenDuplicatedThen400InvalidRequest() {
		assertJsonError(postForm(INTROSPECT, Demo.PARTNER_API, Demo.PARTNER_API_SECRET,
				form("token", partnerAccessToken(), "token", "other")), 400, "invalid_request");
	}

	@Test
	void introspectWhenTokenUnknownThen200InactiveOnly() {
		BackChannel.Reply reply = postForm(INTROSPECT, Demo.PARTNER_API, Demo.PARTNER_API_SECRET,
				form("token", "no-such-token"));
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json()).isEqualTo(Map.of("active", false));
	}

	@Test
	void introspectWhenTokenTypeHintGarbageThenHintIgnored() {
		BackChannel.Reply reply = postForm(INTROSPECT, Demo.PARTNER_API, Demo.PARTNER_API_SECRET,
				form("token", partnerAccessToken(), "token_type_hint", "<script>garbage</script>"));
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json()).containsEntry("active", true).containsEntry("client_id", Demo.PARTNER_API);
	}

	@Test
	void introspectWhenGetThen405WithAllowPost() {
		BackChannel.Reply refused = reply(request(INTROSPECT + "?token=x")
			.header("Authorization", BackChannel.basic(Demo.PARTNER_API, Demo.PARTNER_API_SECRET))
			.GET());
		assertJsonError(refused, 405, "invalid_request");
		assertThat(refused.raw().headers().firstValue("Allow")).hasValue("POST");
	}

	@Test
	void introspectWhenBodyIsJsonThen400InvalidRequest() {
		assertJsonError(reply(request(INTROSPECT).header("Content-Type", "application/json")
			.header("Authorization", BackChannel.basic(Demo.PARTNER_API, Demo.PARTNER_API_SECRET))
			.POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"x\"}"))), 400, "invalid_request");
	}

}
