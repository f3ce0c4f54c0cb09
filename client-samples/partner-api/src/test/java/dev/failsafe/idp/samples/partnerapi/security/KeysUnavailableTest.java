package dev.failsafe.idp.samples.partnerapi.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.failsafe.idp.samples.partnerapi.IssuerProperties;
import dev.failsafe.idp.samples.verifier.testing.LocalIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Started while the issuer is down and with no last good JWKS: a token cannot be checked, 503. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeysUnavailableTest {

	private static final LocalIssuer ISSUER = LocalIssuer.create();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void issuerDown(DynamicPropertyRegistry registry) {
		ISSUER.stop();
		IssuerProperties.register(registry, ISSUER);
	}

	@AfterAll
	static void close() {
		ISSUER.close();
	}

	@Test
	void listWhenIssuerUnreachableAndNoLastGoodJwksThen503WithRetryAfter() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/orders"))
				.header("Authorization", "Bearer " + ISSUER.accessToken())
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue(KeysUnavailableHandler.RETRY_AFTER_SECONDS);
		assertThat(response.body()).contains("temporarily_unavailable");
	}

}
