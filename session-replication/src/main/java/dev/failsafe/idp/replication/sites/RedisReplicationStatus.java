package dev.failsafe.idp.replication.sites;

import java.util.Properties;

import dev.failsafe.idp.replication.StoreUnavailableException;
import dev.failsafe.idp.replication.redis.RedisCalls;
import dev.failsafe.idp.replication.redis.RedisReplicationProperties;

/**
 * What the Redis node this provider writes to says of its replication ({@code INFO replication}, one
 * command on a connection of its own): for operators ({@code /admin/sites}) and for readiness, since
 * a node whose writes cannot be acknowledged by {@code idp.redis.replicas-to-ack} replicas refuses
 * every login and must be drained by the load balancer.
 *
 * <p>Replicas are counted as Redis counts them for {@code min-replicas-to-write}
 * ({@code min_slaves_good_slaves}: online and within {@code min-replicas-max-lag}); a primary
 * without that setting reports its online replicas.
 */
public final class RedisReplicationStatus {

	private final RedisCalls redis;

	private final int replicasToAck;

	public RedisReplicationStatus(RedisCalls redis, RedisReplicationProperties properties) {
		this.redis = redis;
		this.replicasToAck = properties.replicasToAck();
	}

	/** Asks Redis now; an unreachable Redis is a report too, never an exception. */
	public Report report() {
		Properties info;
		try {
			info = this.redis.call("report its replication", connection -> connection.info("replication"));
		}
		catch (StoreUnavailableException ex) {
			return new Report(false, null, 0, this.replicasToAck, null, ex.getMessage());
		}
		String role = "master".equals(info.getProperty("role")) ? "primary" : "replica";
		String upstream = (info.getProperty("master_host") != null)
				? info.getProperty("master_host") + ":" + info.getProperty("master_port") : null;
		return new Report(true, role, goodReplicas(info), this.replicasToAck, upstream, null);
	}

	private static int goodReplicas(Properties info) {
		String good = info.getProperty("min_slaves_good_slaves");
		if (good != null) {
			return Integer.parseInt(good.strip());
		}
		int online = 0;
		for (String name : info.stringPropertyNames()) {
			if (name.matches("slave\\d+") && info.getProperty(name).contains("state=online")) {
				online++;
			}
		}
		return online;
	}

	/**
	 * @param reachable whether Redis answered
	 * @param role {@code primary} or {@code replica} (a node still pointed at a demoted primary), or
	 * null when unreachable
	 * @param goodReplicas replicas that would acknowledge a write now
	 * @param replicasToAck replicas every acknowledged write waits for ({@code idp.redis.replicas-to-ack})
	 * @param upstream {@code host:port} of the primary, when this node is a replica
	 * @param problem why Redis did not answer, or null
	 */
	public record Report(boolean reachable, String role, int goodReplicas, int replicasToAck, String upstream,
			String problem) {

		/** Whether a write made now could be acknowledged: a reachable primary with enough replicas. */
		public boolean acceptsAcknowledgedWrites() {
			return this.reachable && "primary".equals(this.role) && this.goodReplicas >= this.replicasToAck;
		}

	}

}
