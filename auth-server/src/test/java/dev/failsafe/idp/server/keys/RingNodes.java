package dev.failsafe.idp.server.keys;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.provider.ProviderProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the key-ring cluster tests do with provider processes: start them together, and ask them
 * over HTTP for their JWKS, the key they sign with, and the admin API's key calls (each with a
 * fresh {@code demo-admin} token, since a revocation may void an older one).
 */
final class RingNodes {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** Starts every node at once (they find each other through the member list) and waits for all. */
	static void startAll(List<ProviderProcess> nodes, Duration atMost) throws IOException, InterruptedException {
		for (ProviderProcess node : nodes) {
			node.start();
		}
		for (ProviderProcess node : nodes) {
			node.awaitReady(atMost);
		}
	}

	/** The node's JWKS: kid to public JWK JSON. */
	Map<String, String> jwks(ProviderProcess node) throws IOException, InterruptedException {
		String body = get(node, "/oauth2/jwks", null).body();
		try {
			return JWKSet.parse(body).getKeys().stream().collect(Collectors.toMap(JWK::getKeyID, JWK::toJSONString,
					(a, b) -> a, TreeMap::new));
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException("not a JWKS: " + body, ex);
		}
	}

	/** Waits until every node publishes the same keys; returns kid to public JWK JSON. */
	Map<String, String> awaitSameJwks(List<ProviderProcess> nodes, Duration atMost) {
		@SuppressWarnings("unchecked")
		Map<String, String>[] seen = new Map[1];
		await().atMost(atMost).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			Set<Map<String, String>> distinct = new HashSet<>();
			for (ProviderProcess node : nodes) {
				distinct.add(jwks(node));
			}
			assertThat(distinct).hasSize(1);
			seen[0] = distinct.iterator().next();
		});
		return seen[0];
	}

	/** The kid of a token the node issues now. */
	String signerKid(ProviderProcess node) throws Exception {
		return SignedJWT.parse(token(node, Demo.PARTNER_API, Demo.PARTNER_API_SECRET, null))
			.getHeader()
			.getKeyID();
	}

	/** A client_credentials access token from the node. */
	String token(ProviderProcess node, String clientId, String secret, String scope)
			throws IOException, InterruptedException {
		String form = "grant_type=client_credentials" + ((scope != null) ? "&scope=" + scope : "");
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(node.uri("/oauth2/token"))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).get("access_token").asString();
	}

	/** {@code POST /admin/keys/rotate} (an emergency rotation); answers the new key's kid. */
	String rotate(ProviderProcess node) throws IOException, InterruptedException {
		HttpResponse<String> rotated = post(node, "/admin/keys/rotate", "{\"algorithm\":\"RS256\"}");
		assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
		return JSON.readTree(rotated.body()).get("kid").asString();
	}

	/** {@code POST /admin/keys/{kid}/revoke}. */
	void revoke(ProviderProcess node, String kid) throws IOException, InterruptedException {
		HttpResponse<String> revoked = post(node, "/admin/keys/" + kid + "/revoke", "");
		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
	}

	/** {@code GET /admin/keys}: kid to derived state ({@code REVOKED}, {@code SIGNING}, ...). */
	Map<String, String> keyStates(ProviderProcess node) throws IOException, InterruptedException {
		HttpResponse<String> list = get(node, "/admin/keys", adminToken(node));
		assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
		Map<String, String> states = new TreeMap<>();
		for (JsonNode key : JSON.readTree(list.body()).get("keys")) {
			states.put(key.get("kid").asString(), key.get("state").asString());
		}
		return states;
	}

	/** The status of {@code GET /admin/clients} with this bearer token. */
	int adminClientsStatus(ProviderProcess node, String bearer) throws IOException, InterruptedException {
		return get(node, "/admin/clients", bearer).statusCode();
	}

	/** {@code GET /admin/sites}: how many members the node's cluster has. */
	int clusterSize(ProviderProcess node) throws IOException, InterruptedException {
		HttpResponse<String> sites = get(node, "/admin/sites", adminToken(node));
		assertThat(sites.statusCode()).as(sites.body()).isEqualTo(200);
		return JSON.readTree(sites.body()).get("members").size();
	}

	private String adminToken(ProviderProcess node) throws IOException, InterruptedException {
		return token(node, Demo.ADMIN, Demo.ADMIN_SECRET, "admin");
	}

	private HttpResponse<String> post(ProviderProcess node, String path, String json)
			throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(node.uri(path))
			.header("Authorization", "Bearer " + adminToken(node))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(ProviderProcess node, String path, String bearer)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(10));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
