package dev.failsafe.idp.server.keys;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.testing.Ports;
import dev.failsafe.idp.testing.TestKek;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.provider.ProviderProcess;
import dev.failsafe.idp.testing.network.SiteNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real partition between two sites: one provider process per site, each in its own network
 * namespace, the kernel dropping their traffic to each other while the test still reaches both.
 * During the cut both sides rotate and one side revokes the key both signed with; after the heal
 * the ring is the union: no kid names two materials, both sides sign with the same key within a
 * bounded time, and neither a key nor the revocation is lost.
 */
class KeyRingPartitionIT {

	private static final Duration START = Duration.ofSeconds(240);

	/** Failure detection (6 s) plus a merge check (5 s) plus the repair interval (2 s), with room. */
	private static final Duration SPLIT_OR_HEAL = Duration.ofSeconds(90);

	private static final int MEMBER_PORT = 5701;

	private final RingNodes ring = new RingNodes();

	private final List<ProviderProcess> nodes = new ArrayList<>();

	private SiteNetwork network;

	@TempDir
	Path dir;

	@AfterEach
	void tearDown() throws Exception {
		for (ProviderProcess node : this.nodes) {
			node.kill();
		}
		if (this.network != null) {
			this.network.close();
		}
	}

	@Test
	void ringWhenSitesCutAndBothRotateAndOneRevokesThenHealUnitesEverythingUnderOneSigner() throws Exception {
		this.network = SiteNetwork.create(2);
		List<ProviderProcess> sites = sites();
		RingNodes.startAll(sites, START);
		ProviderProcess a = sites.get(0);
		ProviderProcess b = sites.get(1);
		this.ring.awaitSameJwks(sites, SPLIT_OR_HEAL);
		String before = this.ring.signerKid(a);
		assertThat(this.ring.signerKid(b)).isEqualTo(before);

		this.network.cut();
		long cutAt = System.nanoTime();
		await("each side alone").atMost(SPLIT_OR_HEAL).pollInterval(Duration.ofMillis(500))
			.until(() -> this.ring.clusterSize(a) == 1 && this.ring.clusterSize(b) == 1);
		System.out.printf("PARTITION cut-to-split=%d ms%n", (System.nanoTime() - cutAt) / 1_000_000);

		// Each side rotates on its own; B also revokes the key both sides signed with before the cut.
		String rotatedAtA = this.ring.rotate(a);
		String rotatedAtB = this.ring.rotate(b);
		this.ring.revoke(b, before);
		assertThat(this.ring.signerKid(a)).isEqualTo(rotatedAtA);
		assertThat(this.ring.signerKid(b)).isEqualTo(rotatedAtB);
		assertThat(this.ring.jwks(a)).doesNotContainKey(rotatedAtB);
		String issuedAtBDuringCut = this.ring.token(b, Demo.PARTNER_API, Demo.PARTNER_API_SECRET, null);

		this.network.heal();
		long healedAt = System.nanoTime();
		Map<String, String> united = this.ring.awaitSameJwks(sites, SPLIT_OR_HEAL);
		String[] signers = new String[2];
		await("one signer").atMost(SPLIT_OR_HEAL).pollInterval(Duration.ofMillis(200)).until(() -> {
			signers[0] = this.ring.signerKid(a);
			signers[1] = this.ring.signerKid(b);
			return signers[0].equals(signers[1]);
		});
		System.out.printf("PARTITION heal-to-one-signer=%d ms%n", (System.nanoTime() - healedAt) / 1_000_000);

		assertThat(this.ring.clusterSize(a)).as("one cluster again").isEqualTo(2);
		assertThat(signers[0]).isIn(rotatedAtA, rotatedAtB);
		united = this.ring.awaitSameJwks(sites, SPLIT_OR_HEAL);
		assertThat(united).as("both sides' keys").containsKeys(rotatedAtA, rotatedAtB)
			.as("the revocation made at B, not undone by A's copy").doesNotContainKey(before);
		for (ProviderProcess node : sites) {
			assertThat(this.ring.keyStates(node)).containsEntry(before, "REVOKED")
				.containsKeys(rotatedAtA, rotatedAtB);
		}
		for (Map.Entry<String, String> published : united.entrySet()) {
			assertThat(JWK.parse(published.getValue()).computeThumbprint().toString())
				.as("a kid names exactly one key material")
				.isEqualTo(published.getKey());
		}
		// A partner that fetches A's JWKS now verifies what B issued during the cut.
		SignedJWT fromB = SignedJWT.parse(issuedAtBDuringCut);
		String keyJsonAtA = this.ring.jwks(a).get(fromB.getHeader().getKeyID());
		assertThat(keyJsonAtA).isNotNull();
		assertThat(fromB.verify(new RSASSAVerifier(JWK.parse(keyJsonAtA).toRSAKey()))).isTrue();
	}

	private List<ProviderProcess> sites() {
		String kek = TestKek.random();
		String clusterName = "partition-" + UUID.randomUUID();
		String members = this.network.address(0) + ":" + MEMBER_PORT + "," + this.network.address(1) + ":" + MEMBER_PORT;
		int httpPort = Ports.free();
		List<ProviderProcess> sites = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			String site = (i == 0) ? "a" : "b";
			// Each namespace has its own ports, so both sites can use the same ones.
			sites.add(new ProviderProcess("site-" + site, httpPort, this.dir.resolve("site-" + site),
					List.of("--idp.issuer=http://localhost:" + httpPort, "--idp.hazelcast.site=" + site,
							"--idp.hazelcast.cluster-name=" + clusterName,
							"--idp.hazelcast.bind-address=" + this.network.address(i),
							"--idp.hazelcast.port=" + MEMBER_PORT, "--idp.hazelcast.members=" + members,
							"--idp.hazelcast.failure-detection-timeout=6s", "--idp.hazelcast.merge-check-interval=5s",
							"--idp.keyring.repair-interval=2s"),
					Map.of("IDP_KEK", kek))
				.placedAt(this.network.launcher(i), this.network.address(i)));
		}
		this.nodes.addAll(sites);
		return sites;
	}

}
