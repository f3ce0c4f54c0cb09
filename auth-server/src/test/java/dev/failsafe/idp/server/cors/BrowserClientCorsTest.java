package dev.failsafe.idp.server.cors;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The demo SPA's origin ({@code idp.cors.allowed-origins} in application.yml) may call the token
 * endpoint and the JWKS from JavaScript; other origins get the usual answer without CORS headers.
 */
class BrowserClientCorsTest extends ProviderIntegrationTest {

	private static final String SPA_ORIGIN = "http://127.0.0.1:8081";

	@Test
	void preflightWhenAllowedOriginThenTokenEndpointAllowsPost() {
		BackChannel.Reply reply = this.backChannel.send(HttpRequest.newBuilder(PROVIDER.uri("/oauth2/token"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", SPA_ORIGIN)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type")
			.build());

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.raw().headers().firstValue("Access-Control-Allow-Origin")).hasValue(SPA_ORIGIN);
		assertThat(reply.raw().headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
				methods -> assertThat(methods).contains("POST"));
		assertThat(reply.raw().headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
	}

	@Test
	void tokenRequestWhenAllowedOriginThenProtocolAnswerCarriesCorsHeader() {
		BackChannel.Reply reply = tokenRequestFrom(SPA_ORIGIN);

		assertThat(reply.status()).isBetween(400, 401);
		assertThat(reply.json()).containsKey("error");
		assertThat(reply.raw().headers().firstValue("Access-Control-Allow-Origin")).hasValue(SPA_ORIGIN);
	}

	@Test
	void tokenRequestWhenOtherOriginThenProtocolAnswerWithoutCorsHeader() {
		BackChannel.Reply reply = tokenRequestFrom("http://evil.example");

		assertThat(reply.status()).isBetween(400, 401);
		assertThat(reply.json()).containsKey("error");
		assertThat(reply.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void corsPropertiesWhenOriginHasPathThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CorsProperties(List.of(URI.create("http://127.0.0.1:8081/spa")), Duration.ofHours(1)))
			.withMessageContaining("is not an origin");
	}

	/** A public client's code exchange with a code that was never issued. */
	private BackChannel.Reply tokenRequestFrom(String origin) {
		return this.backChannel.send(HttpRequest.newBuilder(PROVIDER.uri("/oauth2/token"))
			.header("Origin", origin)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=demo-spa&code=unknown"
					+ "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8081%2Fspa%2Fcallback&code_verifier="
					+ "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
			.build());
	}

}
