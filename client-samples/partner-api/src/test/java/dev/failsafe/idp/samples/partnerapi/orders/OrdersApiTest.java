package dev.failsafe.idp.samples.partnerapi.orders;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;


import dev.failsafe.idp.samples.partnerapi.IssuerProperties;
import dev.failsafe.idp.samples.verifier.Rejection;
import dev.failsafe.idp.samples.verifier.testing.LocalIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API over real HTTP, with tokens from a {@link LocalIssuer}: scopes decide, errors are RFC
 * 6750 with fixed descriptions, bad input is a 4xx, and the SPA's origin may call it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrdersApiTest {

	private static final LocalIssuer ISSUER = LocalIssuer.create();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		IssuerProperties.register(registry, ISSUER);
	}

	@AfterAll
	static void stopIssuer() {
		ISSUER.close();
	}

	@Test
	void listWhenNoTokenThen401WithBearerChallenge() throws Exception {
		HttpResponse<String> response = send(get(null));

		assertThat(response.statusCode()).isEqualTo(401);
		// No error for a request without credentials (RFC 6750 section 3.1); RFC 9728 metadata is named.
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer").doesNotContain("error="));
	}

	@Test
	void listWhenReadScopeThenSubjectsOrders() throws Exception {
		HttpResponse<String> response = send(get(ISSUER.accessToken(claims -> claims.subject("bob"))));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"subject\":\"bob\"").contains("\"orders\":[");
	}

	@Test
	void placeWhenWriteScopeThen201AndListed() throws Exception {
		String token = ISSUER.accessToken(claims -> claims.subject("carol").claim("scope", "orders.read orders.write"));

		HttpResponse<String> placed = send(post(token, "{\"item\":\"tea\",\"quantity\":2}"));
		HttpResponse<String> listed = send(get(token));

		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		assertThat(placed.body()).contains("\"item\":\"tea\"", "\"placedBy\":\"demo-shop\"");
		assertThat(listed.body()).contains("\"item\":\"tea\"");
	}

	@Test
	void placeWhenOnlyReadScopeThen403InsufficientScope() throws Exception {
		HttpResponse<String> response = send(post(ISSUER.accessToken(), "{\"item\":\"tea\",\"quantity\":1}"));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer error=\"insufficient_scope\""));
	}

	@Test
	void listWhenTokenForAnotherAudienceThen401WithFixedDescription() throws Exception {
		HttpResponse<String> response = send(get(ISSUER.accessToken(claims -> claims.audience("demo-admin"))));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(challenge)
			.startsWith("Bearer error=\"invalid_token\"")
			.contains("error_description=\"" + Rejection.WRONG_AUDIENCE.description() + "\""));
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "{\"item\":\"\",\"quantity\":1}", "{\"item\":\"tea\",\"quantity\":0}",
			"{\"item\":\"tea\",\"quantity\":\"many\"}", "[]", "{\"item\":\"tea\",\"quantity\":100000000000}" })
	void placeWhenBodyInvalidThen400(String body) throws Exception {
		String token = ISSUER.accessToken(claims -> claims.claim("scope", "orders.write"));

		HttpResponse<String> response = send(post(token, body));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("Exception");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Bearer", "Bearer ", "Basic YTpi", "Bearer a b", "Bearer \u00e9" })
	void listWhenAuthorizationHeaderMalformedThen4xx(String header) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri()).header("Authorization", header).build());

		assertThat(response.statusCode()).isBetween(400, 401);
	}

	@Test
	void preflightWhenSpaOriginThenGetWithAuthorizationAllowed() throws Exception {
		HttpResponse<String> response = send(preflight("http://127.0.0.1:8081"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://127.0.0.1:8081");
		assertThat(response.headers().allValues("Access-Control-Allow-Headers").toString()).containsIgnoringCase(
				"authorization");
	}

	@Test
	void preflightWhenOtherOriginThenRefused() throws Exception {
		HttpResponse<String> response = send(preflight("http://evil.test"));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	/** A browser's question before a GET with a bearer token from {@code origin}. */
	private HttpRequest preflight(String origin) {
		return HttpRequest.newBuilder(uri())
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "GET")
			.header("Access-Control-Request-Headers", "authorization")
			.build();
	}

	private URI uri() {
		return URI.create("http://127.0.0.1:" + this.port + "/api/orders");
	}

	private HttpRequest get(String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request.build();
	}

	private HttpRequest post(String token, String json) {
		return HttpRequest.newBuilder(uri())
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}


}
