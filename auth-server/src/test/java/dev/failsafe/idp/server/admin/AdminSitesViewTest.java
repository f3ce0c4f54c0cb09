package dev.failsafe.idp.server.admin;

import java.util.List;
import java.util.Map;

import dev.failsafe.idp.replication.sites.FailoverSafety;
import dev.failsafe.idp.replication.sites.RedisReplicationStatus;
import dev.failsafe.idp.replication.sites.SiteTopology;
import org.junit.jupiter.api.Test;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the JSON of {@code GET /admin/sites} that {@code idp-admin sites status} parses (and
 * docs/admin-api.md documents): its own view records, so renaming a field of the state layer's
 * records cannot change it.
 */
class AdminSitesViewTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void sitesViewWhenRedisConfiguredThenExactlyTheDocumentedFieldNames() {
		SiteTopology.SitesStatus status = new SiteTopology.SitesStatus("site-a",
				List.of(new SiteTopology.SiteMember("10.0.0.1:5701", "site-a", true),
						new SiteTopology.SiteMember("10.1.0.1:5701", "site-b", false)),
				List.of(new SiteTopology.KeyPlacement("kid-1", 17, "10.0.0.1:5701", List.of("10.1.0.1:5701"))));
		RedisReplicationStatus.Report redis = new RedisReplicationStatus.Report(true, "primary", 1, 1, null, null);
		FailoverSafety.Verdict failover = new FailoverSafety.Verdict(List.of("10.1.0.2:6379", "10.2.0.2:6379"), 1,
				List.of());

		Map<String, Object> json = JSON.readValue(
				JSON.writeValueAsString(AdminSitesController.SitesView.of(status, redis, failover)),
				new TypeReference<Map<String, Object>>() {
				});

		assertThat(json).containsOnlyKeys("localSite", "members", "keyRing", "redis", "redisFailover")
			.containsEntry("localSite", "site-a");
		assertThat(objects(json.get("members"))).hasSize(2)
			.allSatisfy(member -> assertThat(member).containsOnlyKeys("address", "site", "local"))
			.first()
			.isEqualTo(Map.of("address", "10.0.0.1:5701", "site", "site-a", "local", true));
		assertThat(objects(json.get("keyRing"))).singleElement()
			.isEqualTo(Map.of("kid", "kid-1", "partition", 17, "primary", "10.0.0.1:5701", "backups",
					List.of("10.1.0.1:5701")));
		assertThat(object(json.get("redis"))).containsOnlyKeys("reachable", "role", "goodReplicas", "replicasToAck",
				"upstream", "problem")
			.containsEntry("role", "primary")
			.containsEntry("goodReplicas", 1);
		assertThat(object(json.get("redisFailover")))
			.isEqualTo(Map.of("promotable", List.of("10.1.0.2:6379", "10.2.0.2:6379"), "waitedFor", 1, "problems",
					List.of()));
	}

	@Test
	void sitesViewWhenNoRedisThenRedisNull() {
		SiteTopology.SitesStatus status = new SiteTopology.SitesStatus("local", List.of(), List.of());
		assertThat(JSON.writeValueAsString(AdminSitesController.SitesView.of(status, null, null)))
			.contains("\"redis\":null", "\"redisFailover\":null");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> object(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> objects(Object array) {
		return (List<Map<String, Object>>) array;
	}

}
