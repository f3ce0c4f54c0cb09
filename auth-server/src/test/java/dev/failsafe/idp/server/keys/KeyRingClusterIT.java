package dev.failsafe.idp.server.keys;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.server.demo.DemoTenant;
import dev.failsafe.idp.server.testing.ProviderProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three provider processes in two sites (a, a, b) form one key-ring cluster. A key added on a
 * member that is killed right after the write is not lost, and the ring survives SIGKILL of every
 * member and a cold start: same kids, same material, same signer.
 */
class KeyRingClusterIT {

	private static final Duration START = Duration.ofSeconds(240);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<ProviderProcess> nodes = new ArrayList<>();

	@TempDir
	Path dir;

	@AfterEach
	void killAll() throws InterruptedException {
		for (ProviderProcess node : this.nodes) {
			node.kill();
		}
	}

	@Test
	void clusterWhenWriterKilledThenEveryMemberKilledThenColdStartRestoresTheWholeRing() throws Exception {
		List<ProviderProcess> cluster = cluster();
		startAll(cluster);
		// Members that start together may each create a first key before they meet; the union
		// holds them all and the lifecycle rule makes every member sign with the same one.
		Map<String, String> first = awaitSameJwks(cluster);
		assertThat(first).hasSizeGreaterThanOrEqualTo(2);
		String firstSigner = signerKid(cluster.get(0));
		assertThat(signerKid(cluster.get(1))).isEqualTo(firstSigner);
		assertThat(signerKid(cluster.get(2))).isEqualTo(firstSigner);

		// A lost update: the member that took the write dies right after acknowledging it.
		ProviderProcess writer = cluster.get(0);
		String admin = token(writer, DemoTenant.ADMIN, DemoTenant.ADMIN_SECRET, "admin");
		HttpResponse<String> rotated = this.http.send(HttpRequest.newBuilder(writer.uri("/admin/keys/rotate"))
			.header("Authorization", "Bearer " + admin)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"algorithm\":\"RS256\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
		writer.kill();
		String newKid = signerKid(cluster.get(1));
		assertThat(rotated.body()).contains(newKid);
		Map<String, String> beforeColdStart = awaitSameJwks(cluster.subList(1, 3));
		assertThat(beforeColdStart).hasSize(first.size() + 1).containsKey(newKid);

		// Propagation: an emergency rotation on one survivor reaches the other's signer.
		String survivorToken = token(cluster.get(1), DemoTenant.ADMIN, DemoTenant.ADMIN_SECRET, "admin");
		long rotatedAt = System.nanoTime();
		HttpResponse<String> second = this.http.send(HttpRequest.newBuilder(cluster.get(1).uri("/admin/keys/rotate"))
			.header("Authorization", "Bearer " + survivorToken)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"algorithm\":\"RS256\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
		String secondKid = second.body().replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
			.until(() -> signerKid(cluster.get(2)).equals(secondKid));
		System.out.printf("KEYRING rotation-to-other-node-signing=%d ms%n", (System.nanoTime() - rotatedAt) / 1_000_000);
		newKid = secondKid;
		beforeColdStart = awaitSameJwks(cluster.subList(1, 3));

		// The whole cluster dies; every member comes back from its own encrypted ring file.
		for (ProviderProcess node : cluster) {
			node.kill();
		}
		long coldStart = System.nanoTime();
		startAll(cluster);
		System.out.printf("KEYRING cold-start-to-all-ready=%d ms%n", (System.nanoTime() - coldStart) / 1_000_000);
		assertThat(awaitSameJwks(cluster)).as("same kids and the same public material").isEqualTo(beforeColdStart);
		for (ProviderProcess node : cluster) {
			assertThat(signerKid(node)).isEqualTo(newKid);
		}
	}

	private List<ProviderProcess> cluster() {
		String kek = Base64.getEncoder().encodeToString(randomBytes(32));
		String clusterName = "it-" + UUID.randomUUID();
		List<Integer> httpPorts = List.of(ProviderProcess.freePort(), ProviderProcess.freePort(),
				ProviderProcess.freePort());
		List<Integer> memberPorts = List.of(ProviderProcess.freePort(), ProviderProcess.freePort(),
				ProviderProcess.freePort());
		String members = memberPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
		List<String> sites = List.of("a", "a", "b");
		List<ProviderProcess> cluster = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			cluster.add(new ProviderProcess("node-" + i, httpPorts.get(i), this.dir.resolve("node-" + i),
					List.of("--idp.issuer=http://localhost:" + httpPorts.get(0), "--idp.hazelcast.site=" + sites.get(i),
							"--idp.hazelcast.cluster-name=" + clusterName,
							"--idp.hazelcast.port=" + memberPorts.get(i), "--idp.hazelcast.members=" + members,
							"--idp.keyring.repair-interval=2s"),
					Map.of("IDP_KEK", kek)));
		}
		this.nodes.addAll(cluster);
		return cluster;
	}

	/** Starts every node at once; they find each other through the member list. */
	private static void startAll(List<ProviderProcess> cluster) throws Exception {
		for (ProviderProcess node : cluster) {
			node.start();
		}
		for (ProviderProcess node : cluster) {
			node.awaitReady(START);
		}
	}

	/** Waits until every node publishes the same keys; returns kid to public JWK JSON. */
	private Map<String, String> awaitSameJwks(List<ProviderProcess> nodes) {
		@SuppressWarnings("unchecked")
		Map<String, String>[] seen = new Map[1];
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			Set<Map<String, String>> distinct = new java.util.HashSet<>();
			for (ProviderProcess node : nodes) {
				distinct.add(jwks(node));
			}
			assertThat(distinct).hasSize(1);
			seen[0] = distinct.iterator().next();
		});
		return seen[0];
	}

	private Map<String, String> jwks(ProviderProcess node) throws Exception {
		String body = this.http.send(HttpRequest.newBuilder(node.uri("/oauth2/jwks")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		return JWKSet.parse(body).getKeys().stream().collect(Collectors.toMap(JWK::getKeyID, JWK::toJSONString,
				(a, b) -> a, java.util.TreeMap::new));
	}

	private String signerKid(ProviderProcess node) throws Exception {
		return SignedJWT.parse(token(node, DemoTenant.PARTNER_API, DemoTenant.PARTNER_API_SECRET, null))
			.getHeader()
			.getKeyID();
	}

	private String token(ProviderProcess node, String clientId, String secret, String scope) throws Exception {
		String form = "grant_type=client_credentials" + ((scope != null) ? "&scope=" + scope : "");
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(node.uri("/oauth2/token"))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		String value = response.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
		return value;
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		new SecureRandom().nextBytes(bytes);
		return bytes;
	}

}
