package dev.failsafe.idp.server.admin;

import java.util.List;

import dev.failsafe.idp.replication.sites.FailoverSafety;
import dev.failsafe.idp.replication.sites.FailoverSafetyCheck;
import dev.failsafe.idp.replication.sites.RedisReplicationStatus;
import dev.failsafe.idp.replication.sites.SiteTopology;

import org.springframework.beans.factory.ObjectProvider;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /admin/sites}: members per site and where the key ring's copies live. */
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
	 * {@code redisFailover} (whether a Sentinel promotion keeps every acknowledged write) when it is
	 * not configured with Sentinel.
	 */
	record SitesView(String localSite, List<SiteTopology.SiteMember> members, List<SiteTopology.KeyPlacement> keyRing,
			RedisReplicationStatus.Report redis, FailoverSafety.Verdict redisFailover) {
	}

	@GetMapping("/admin/sites")
	SitesView status() {
		SiteTopology.SitesStatus status = this.topology.status();
		RedisReplicationStatus redisStatus = this.redis.getIfAvailable();
		FailoverSafetyCheck failoverCheck = this.failover.getIfAvailable();
		return new SitesView(status.localSite(), status.members(), status.keyRing(),
				(redisStatus != null) ? redisStatus.report() : null,
				(failoverCheck != null) ? failoverCheck.check() : null);
	}

}
