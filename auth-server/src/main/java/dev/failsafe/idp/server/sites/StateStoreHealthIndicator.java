package dev.failsafe.idp.server.sites;

import dev.failsafe.idp.replication.sites.RedisReplicationStatus;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of this node's session and authorization store: with Redis, whether a write made now
 * could be acknowledged (a reachable primary with {@code idp.redis.replicas-to-ack} good replicas);
 * without Redis, the embedded store is in this process and always up. A node that is not ready would
 * refuse every login, so the load balancer drains it; liveness never depends on it, and neither does
 * the key ring (a site cut off from the others keeps signing with the ring it has).
 */
final class StateStoreHealthIndicator implements HealthIndicator {

	private final ObjectProvider<RedisReplicationStatus> redis;

	StateStoreHealthIndicator(ObjectProvider<RedisReplicationStatus> redis) {
		this.redis = redis;
	}

	@Override
	public Health health() {
		RedisReplicationStatus status = this.redis.getIfAvailable();
		if (status == null) {
			return Health.up().withDetail("store", "embedded").build();
		}
		RedisReplicationStatus.Report report = status.report();
		Health.Builder health = report.acceptsAcknowledgedWrites() ? Health.up() : Health.outOfService();
		return health.withDetail("store", "redis")
			.withDetail("role", String.valueOf(report.role()))
			.withDetail("goodReplicas", report.goodReplicas())
			.withDetail("replicasToAck", report.replicasToAck())
			.build();
	}

}
