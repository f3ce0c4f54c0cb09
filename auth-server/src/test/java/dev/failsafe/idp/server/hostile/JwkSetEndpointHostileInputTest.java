package dev.failsafe.idp.server.hostile;

import java.net.http.HttpRequest;
import java.util.List;

import dev.failsafe.idp.testing.signin.BackChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.failsafe.idp.server.hostile.ProtocolAssertions.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /oauth2/jwks} under other methods: 405 with {@code Allow: GET, HEAD}, and the key set is
 * the same afterwards (no key can be pushed or deleted).
 */
class JwkSetEndpointHostileInputTest extends HostileInputSupport {

	private static final String JWKS = "/oauth2/jwks";

	@ParameterizedTest
	@ValueSource(strings = { "POST", "PUT", "DELETE", "PATCH" })
	void jwksWhenMethodNotGetOrHeadThen405WithAllowGetHead(String method) {
		BackChannel.Reply refused = reply(request(JWKS).header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString("{\"keys\":[]}")));
		assertJsonError(refused, 405, "invalid_request");
		assertThat(refused.raw().headers().firstValue("Allow")).hasValue("GET, HEAD");
	}

	@Test
	void jwksWhenWritesRefusedThenKeySetUnchanged() {
		List<?> before = keys();
		reply(request(JWKS).DELETE());
		reply(request(JWKS).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"keys\":[]}")));
		assertThat(keys()).isNotEmpty().isEqualTo(before);
	}

	private List<?> keys() {
		BackChannel.Reply jwks = reply(request(JWKS).GET());
		assertThat(jwks.status()).isEqualTo(200);
		return (List<?>) jwks.json().get("keys");
	}

}
