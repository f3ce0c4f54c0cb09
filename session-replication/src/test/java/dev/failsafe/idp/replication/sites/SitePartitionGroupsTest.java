package dev.failsafe.idp.replication.sites;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.failsafe.idp.replication.hazelcast.HazelcastMemberConfig;
import dev.failsafe.idp.replication.hazelcast.HazelcastMemberProperties;
import dev.failsafe.idp.replication.keyring.HazelcastKeyRing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Members of two sites form one cluster, and every key-ring entry keeps its backup in the other
 * site than its primary, so losing a whole site loses no key.
 */
class SitePartitionGroupsTest {

	private final List<HazelcastInstance> members = new java.util.ArrayList<>();

	@AfterEach
	void stop() {
		this.members.forEach(member -> member.getLifecycleService().terminate());
	}

	@Test
	void keyRingWhenTwoSitesThenEveryBackupInTheOtherSite() throws IOException {
		// Two members in site a and one in b: without grouping by site, some backups of a's
		// primaries would land on the other member in a.
		String cluster = "sites-" + UUID.randomUUID();
		List<Integer> ports = List.of(freePort(), freePort(), freePort());
		List<String> addresses = ports.stream().map(port -> "127.0.0.1:" + port).toList();
		List<String> sites = List.of("a", "a", "b");
		for (int i = 0; i < ports.size(); i++) {
			this.members.add(Hazelcast.newHazelcastInstance(HazelcastMemberConfig
				.from(new HazelcastMemberProperties(cluster, sites.get(i), "127.0.0.1", ports.get(i), addresses))));
		}
		HazelcastInstance first = this.members.get(0);
		await().atMost(Duration.ofSeconds(30)).until(() -> first.getCluster().getMembers().size() == 3);

		Map<String, Object> ring = first.getMap(HazelcastKeyRing.KEYS_MAP);
		for (int i = 0; i < 20; i++) {
			ring.put("kid-" + i, "material-" + i);
		}
		HazelcastSiteTopology topology = new HazelcastSiteTopology(first);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			SiteTopology.SitesStatus status = topology.status();
			assertThat(status.members()).extracting(SiteTopology.SiteMember::site).containsExactly("a", "a", "b");
			assertThat(status.keyRing()).hasSize(20).allSatisfy(placement -> {
				assertThat(placement.primary()).isNotNull();
				assertThat(placement.backups()).hasSize(1);
				assertThat(siteOf(status, placement.backups().get(0))).isNotEqualTo(siteOf(status, placement.primary()));
			});
		});
	}

	private static String siteOf(SiteTopology.SitesStatus status, String address) {
		return status.members()
			.stream()
			.filter(member -> member.address().equals(address))
			.map(SiteTopology.SiteMember::site)
			.findFirst()
			.orElseThrow();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
