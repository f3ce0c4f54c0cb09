package dev.failsafe.idp.server.keys;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.failsafe.idp.testing.Ports;
import dev.failsafe.idp.testing.TestKek;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.provider.ProviderProcess;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.failsafe.idp.replication.hazelcast.HazelcastMemberConfig;
import dev.failsafe.idp.replication.hazelcast.HazelcastMemberProperties;
import dev.failsafe.idp.replication.keyring.ClusterNameSecret;
import dev.failsafe.idp.replication.keyring.HazelcastKeyRing;
import dev.failsafe.idp.replication.keyring.KeyEncryptionKey;
import dev.failsafe.idp.replication.keyring.KeyEncryptionKeySource;
import dev.failsafe.idp.replication.keyring.LocalRingFile;
import dev.failsafe.idp.replication.keyring.RingEntryCodec;
import dev.failsafe.idp.replication.keyring.SigningAlgorithm;
import dev.failsafe.idp.replication.keyring.SigningKeyRecord;
import dev.failsafe.idp.replication.keyring.SigningKeyVault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three provider processes in two sites (a, a, b) form one key-ring cluster. A key added on a
 * member that is killed right after the write is not lost, and the ring survives SIGKILL of every
 * member and a cold start: same kids, same material, same signer. A fourth member that knows the
 * cluster name but not the KEK plants a key: no node publishes it, trusts a token signed with it, or
 * files it.
 */
class KeyRingClusterIT {

	private static final Duration START = Duration.ofSeconds(240);

	private static final Duration CONVERGE = Duration.ofSeconds(30);

	private final RingNodes ring = new RingNodes();

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
		RingNodes.startAll(cluster, START);
		// Members that start together may each create a first key before they meet; the union
		// holds them all and the lifecycle rule makes every member sign with the same one.
		Map<String, String> first = this.ring.awaitSameJwks(cluster, CONVERGE);
		assertThat(first).hasSizeGreaterThanOrEqualTo(2);
		String firstSigner = this.ring.signerKid(cluster.get(0));
		assertThat(this.ring.signerKid(cluster.get(1))).isEqualTo(firstSigner);
		assertThat(this.ring.signerKid(cluster.get(2))).isEqualTo(firstSigner);

		intruderPlantsKeyThenItIsNeitherPublishedNorTrustedNorFiled(cluster);

		// A lost update: the member that took the write dies right after acknowledging it.
		ProviderProcess writer = cluster.get(0);
		String rotatedKid = this.ring.rotate(writer);
		writer.kill();
		assertThat(this.ring.signerKid(cluster.get(1))).isEqualTo(rotatedKid);
		Map<String, String> beforeColdStart = this.ring.awaitSameJwks(cluster.subList(1, 3), CONVERGE);
		assertThat(beforeColdStart).hasSize(first.size() + 1).containsKey(rotatedKid);

		// Propagation: an emergency rotation on one survivor reaches the other's signer.
		long rotatedAt = System.nanoTime();
		String secondKid = this.ring.rotate(cluster.get(1));
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
			.until(() -> this.ring.signerKid(cluster.get(2)).equals(secondKid));
		System.out.printf("KEYRING rotation-to-other-node-signing=%d ms%n", (System.nanoTime() - rotatedAt) / 1_000_000);
		beforeColdStart = this.ring.awaitSameJwks(cluster.subList(1, 3), CONVERGE);

		// The whole cluster dies; every member comes back from its own encrypted ring file.
		for (ProviderProcess node : cluster) {
			node.kill();
		}
		long coldStart = System.nanoTime();
		RingNodes.startAll(cluster, START);
		System.out.printf("KEYRING cold-start-to-all-ready=%d ms%n", (System.nanoTime() - coldStart) / 1_000_000);
		assertThat(this.ring.awaitSameJwks(cluster, CONVERGE)).as("same kids and the same public material")
			.isEqualTo(beforeColdStart);
		for (ProviderProcess node : cluster) {
			assertThat(this.ring.signerKid(node)).isEqualTo(secondKid);
		}
	}

	/**
	 * A member that knows the cluster name members really use (as someone who sniffed it off an
	 * unencrypted link would) but not the KEK joins and plants a key of its own, then presents an
	 * admin token signed with it.
	 */
	private void intruderPlantsKeyThenItIsNeitherPublishedNorTrustedNorFiled(List<ProviderProcess> cluster)
			throws Exception {
		KeyEncryptionKey ours = KeyEncryptionKeySource.fromBase64(this.kek);
		KeyEncryptionKey theirs = KeyEncryptionKey.generate();
		HazelcastInstance intruder = Hazelcast.newHazelcastInstance(HazelcastMemberConfig.from(
				new HazelcastMemberProperties(ClusterNameSecret.of(this.clusterName, ours), "x", "127.0.0.1",
						Ports.free(), this.members)));
		try {
			await().atMost(CONVERGE).until(() -> intruder.getCluster().getMembers().size() == 4);
			SigningKeyVault vault = new SigningKeyVault(theirs);
			java.time.Instant now = java.time.Instant.now();
			SigningKeyRecord planted = vault.generate(SigningAlgorithm.RS256, now.minusSeconds(60), now.minusSeconds(60));
			intruder.getMap(HazelcastKeyRing.KEYS_MAP).put(planted.kid(), new RingEntryCodec(theirs).encode(planted));
			String forged = forgedAdminToken(vault.privateJwk(planted), cluster.get(0));

			for (ProviderProcess node : cluster) {
				assertThat(this.ring.jwks(node)).doesNotContainKey(planted.kid());
				assertThat(this.ring.adminClientsStatus(node, forged)).as("a token signed with the planted key")
					.isEqualTo(401);
			}
			LocalRingFile file = new LocalRingFile(this.dir.resolve("node-1").resolve("keyring.ring"), ours);
			await().during(Duration.ofSeconds(5))
				.atMost(Duration.ofSeconds(15))
				.until(() -> !file.read().keys().containsKey(planted.kid()));
			assertThat(this.ring.jwks(cluster.get(2))).doesNotContainKey(planted.kid());
		}
		finally {
			intruder.shutdown();
		}
	}

	private static String forgedAdminToken(com.nimbusds.jose.jwk.JWK key, ProviderProcess issuer) throws Exception {
		com.nimbusds.jwt.SignedJWT token = new com.nimbusds.jwt.SignedJWT(
				new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256).keyID(key.getKeyID())
					.type(new com.nimbusds.jose.JOSEObjectType("at+jwt"))
					.build(),
				new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer("http://localhost:" + issuer.port())
					.subject(Demo.ADMIN)
					.audience(Demo.ADMIN)
					.claim("client_id", Demo.ADMIN)
					.claim("scope", "admin")
					.issueTime(new java.util.Date())
					.expirationTime(new java.util.Date(System.currentTimeMillis() + 300_000))
					.jwtID(UUID.randomUUID().toString())
					.build());
		token.sign(new com.nimbusds.jose.crypto.RSASSASigner(key.toRSAKey()));
		return token.serialize();
	}

	private String kek;

	private String clusterName;

	private List<String> members;

	private List<ProviderProcess> cluster() {
		String kek = TestKek.random();
		String clusterName = "it-" + UUID.randomUUID();
		this.kek = kek;
		this.clusterName = clusterName;
		List<Integer> httpPorts = List.of(Ports.free(), Ports.free(),
				Ports.free());
		List<Integer> memberPorts = List.of(Ports.free(), Ports.free(),
				Ports.free());
		String members = memberPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
		this.members = memberPorts.stream().map(port -> "127.0.0.1:" + port).toList();
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

}
