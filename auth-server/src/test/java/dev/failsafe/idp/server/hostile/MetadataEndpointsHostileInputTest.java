package dev.failsafe.idp.server.hostile;

import java.net.http.HttpRequest;

import dev.failsafe.idp.testing.signin.BackChannel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.failsafe.idp.server.hostile.ProtocolAssertions.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-only documents (OpenID Provider metadata, OAuth 2.0 server metadata) under other
 * methods: 405 with {@code Allow: GET}, never a CSRF 403, a login redirect or a 500.
 */
class MetadataEndpointsHostileInputTest extends HostileInputSupport {

	@ParameterizedTest
	@CsvSource({ "/.well-known/openid-configuration,POST", "/.well-known/openid-configuration,PUT",
			"/.well-known/openid-configuration,DELETE", "/.well-known/openid-configuration,PATCH",
			"/.well-known/oauth-authorization-server,POST" })
	void metadataWhenMethodNotGetThen405WithAllowGet(String path, String method) {
		BackChannel.Reply refused = reply(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.method(method, HttpRequest.BodyPublishers.ofString("issuer=https://evil.example")));
		assertJsonError(refused, 405, "invalid_request");
		assertThat(refused.raw().headers().firstValue("Allow")).hasValue("GET");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/.well-known/openid-configuration", "/.well-known/oauth-authorization-server" })
	void metadataWhenGetAfterRefusedWritesThenUnchanged(String path) {
		BackChannel.Reply metadata = reply(request(path).GET());
		assertThat(metadata.status()).isEqualTo(200);
		assertThat(metadata.json()).containsEntry("issuer", PROVIDER.issuer());
	}

}
