package dev.failsafe.idp.server.admin;

import java.util.List;

import dev.failsafe.idp.replication.sites.FailoverSafety;
import dev.failsafe.idp.replication.sites.FailoverSafetyCheck;
import dev.failsafe.idp.replication.sites.RedisReplicationStatus;
import dev.failsafe.idp.replication.sites.SiteTopology;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/sites}: members per site and where the key ring's copies live. It answers with its
 * own view records, mapped here from the state layer's, so a change there cannot silently change
 * what {@code idp-admin} parses (the field names are pinned by a test and by docs/admin-api.md).
 */
@RestController
final class AdminSitesController {

	private final SiteTopology topology;

	private final ObjectProvider<RedisReplicationStatus> redis;

	private final ObjectProvider<FailoverSafetyCheck> failover;

	AdminSitesController(SiteTopology topology, ObjectProvider<RedisReplicationStatus> redis,
			ObjectProvider<FailoverSafetyCheck> failover) {
		this.topology = topology;
		this.redis = redis;
		this.failover = failover;
	}

	/**
	 * The answer of {@code GET /admin/sites}; {@code redis} is null when Redis is not configured,
	 * {@code redisFailover} when it is not configured with Sentinel.
	 */
	record SitesView(String localSite, List<MemberView> members, List<KeyPlacementView> keyRing, RedisView redis,
			FailoverView redisFailover) {

		static SitesView of(SiteTopology.SitesStatus status, RedisReplicationStatus.Report redis,
				FailoverSafety.Verdict failover) {
			return new SitesView(status.localSite(), status.members().stream().map(MemberView::of).toList(),
					status.keyRing().stream().map(KeyPlacementView::of).toList(),
					(redis != null) ? RedisView.of(redis) : null, (failover != null) ? FailoverView.of(failover) : null);
		}

	}

	/** A Hazelcast member: its address, its site, and whether it is the node answering. */
	record MemberView(String address, String site, boolean local) {

		static MemberView of(SiteTopology.SiteMember member) {
			return new MemberView(member.address(), member.site(), member.local());
		}

	}

	/** Where one key-ring entry lives: its partition, the primary's and the backups' addresses. */
	record KeyPlacementView(String kid, int partition, String primary, List<String> backups) {

		static KeyPlacementView of(SiteTopology.KeyPlacement placement) {
			return new KeyPlacementView(placement.kid(), placement.partition(), placement.primary(),
					List.copyOf(placement.backups()));
		}

	}

	/** What the Redis node this provider writes to says about replication. */
	record RedisView(boolean reachable, String role, int goodReplicas, int replicasToAck, String upstream,
			String problem) {

		static RedisView of(RedisReplicationStatus.Report report) {
			return new RedisView(report.reachable(), report.role(), report.goodReplicas(), report.replicasToAck(),
					report.upstream(), report.problem());
		}
	}

	/**
	 * Whether a Sentinel promotion keeps every acknowledged write (docs/availability.md): the replicas
	 * Sentinel could promote now, how many every write waits for, and one sentence per broken rule.
	 */
	record FailoverView(List<String> promotable, int waitedFor, List<String> problems) {

		static FailoverView of(FailoverSafety.Verdict verdict) {
			return new FailoverView(List.copyOf(verdict.promotable()), verdict.waitedFor(),
					List.copyOf(verdict.problems()));
		}

	}

	@GetMapping("/admin/sites")
	SitesView status() {
		RedisReplicationStatus redisStatus = this.redis.getIfAvailable();
		FailoverSafetyCheck failoverCheck = this.failover.getIfAvailable();
		return SitesView.of(this.topology.status(), (redisStatus != null) ? redisStatus.report() : null,
				(failoverCheck != null) ? failoverCheck.check() : null);
	}

}
