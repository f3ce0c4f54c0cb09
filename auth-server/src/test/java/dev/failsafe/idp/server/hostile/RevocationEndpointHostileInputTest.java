package dev.failsafe.idp.server.hostile;

import java.net.http.HttpRequest;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import org.junit.jupiter.api.Test;

import static dev.failsafe.idp.server.hostile.ProtocolAssertions.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /oauth2/revoke} (RFC 7009) under hostile input: only the client a token was issued to can
 * revoke it, a refused revocation leaves the token working, and unknown tokens or hints are no
 * error.
 */
class RevocationEndpointHostileInputTest extends HostileInputSupport {

	private static final String REVOKE = "/oauth2/revoke";

	@Test
	void revokeWhenNoClientAuthenticationThen401InvalidClientAndTokenStillActive() {
		String token = partnerAccessToken();
		assertJsonError(postForm(REVOKE, null, null, form("token", token)), 401, "invalid_client");
		assertThat(active(token)).isTrue();
	}

	@Test
	void revokeWhenClientSecretWrongThen401WithBasicChallengeAndTokenStillActive() {
		String token = partnerAccessToken();
		BackChannel.Reply refused = postForm(REVOKE, Demo.PARTNER_API, "wrong-secret", form("token", token));
		assertJsonError(refused, 401, "invalid_client");
		assertThat(refused.raw().headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(value -> assertThat(value).startsWith("Basic realm="));
		assertThat(active(token)).isTrue();
	}

	@Test
	void revokeWhenTokenIssuedToAnotherClientThen401InvalidClientAndTokenStillActive() {
		BackChannel.Reply tokens = grants().shopTokens();
		assertJsonError(postForm(REVOKE, Demo.PARTNER_API, Demo.PARTNER_API_SECRET,
				form("token", tokens.string("refresh_token"))), 401, "invalid_client");
		assertThat(active(tokens.string("refresh_token"))).isTrue();
		assertThat(active(tokens.string("access_token"))).isTrue();
	}

	@Test
	void revokeWhenTokenMissingThen400InvalidRequest() {
		assertJsonError(postForm(REVOKE, Demo.PARTNER_API, Demo.PARTNER_API_SECRET,
				form("token_type_hint", "access_token")), 400, "invalid_request");
	}

	@Test
	void revokeWhenTokenDuplicatedThen400InvalidRequestAndTokenStillActive() {
		String token = partnerAccessToken();
		assertJsonError(postForm(REVOKE, Demo.PARTNER_API, Demo.PARTNER_API_SECRET,
				form("token", token, "token", token)), 400, "invalid_request");
		assertThat(active(token)).isTrue();
	}

	@Test
	void revokeWhenTokenUnknownThen200() {
		BackChannel.Reply reply = postForm(REVOKE, Demo.PARTNER_API, Demo.PARTNER_API_SECRET,
				form("token", "no-such-token"));
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.raw().body()).isEmpty();
	}

	/** RFC 7009 section 2.1: a hint the server does not understand is ignored, not an error. */
	@Test
	void revokeWhenTokenTypeHintGarbageThen200AndTokenRevoked() {
		String token = partnerAccessToken();
		BackChannel.Reply reply = postForm(REVOKE, Demo.PARTNER_API, Demo.PARTNER_API_SECRET,
				form("token", token, "token_type_hint", "\"garbage\""));
		assertThat(reply.status()).isEqualTo(200);
		assertThat(active(token)).isFalse();
	}

	@Test
	void revokeWhenGetThen405WithAllowPost() {
		String token = partnerAccessToken();
		BackChannel.Reply refused = reply(request(REVOKE + "?token=" + token)
			.header("Authorization", BackChannel.basic(Demo.PARTNER_API, Demo.PARTNER_API_SECRET))
			.GET());
		assertJsonError(refused, 405, "invalid_request");
		assertThat(refused.raw().headers().firstValue("Allow")).hasValue("POST");
		assertThat(active(token)).isTrue();
	}

	@Test
	void revokeWhenBodyIsJsonThen400InvalidRequest() {
		assertJsonError(reply(request(REVOKE).header("Content-Type", "application/json")
			.header("Authorization", BackChannel.basic(Demo.PARTNER_API, Demo.PARTNER_API_SECRET))
			.POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"x\"}"))), 400, "invalid_request");
	}

}
