package dev.failsafe.idp.replication.sites;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisSentinelConnection;
import org.springframework.data.redis.connection.RedisServer;

import dev.failsafe.idp.replication.StoreUnavailableException;
import dev.failsafe.idp.replication.redis.RedisCalls;
import dev.failsafe.idp.replication.redis.RedisReplicationProperties;

/**
 * Asks the running deployment what {@link FailoverSafety} judges: one sentinel
 * ({@code SENTINEL MASTERS}, {@code SENTINEL REPLICAS}) for the quorum, the other sentinels, the
 * down-after time and each replica's priority and state, and the primary ({@code CONFIG GET
 * min-replicas-to-write}). For operators ({@code /admin/sites}), on demand: never on the request
 * path or in readiness.
 */
public final class FailoverSafetyCheck {

	private final RedisConnectionFactory connections;

	private final String master;

	private final RedisCalls redis;

	private final int replicasToAck;

	public FailoverSafetyCheck(RedisConnectionFactory connections, String master, RedisCalls redis,
			RedisReplicationProperties properties) {
		this.connections = connections;
		this.master = master;
		this.redis = redis;
		this.replicasToAck = properties.replicasToAck();
	}

	/** The verdict now; sentinels that cannot be asked are a problem in it, never an exception. */
	public FailoverSafety.Verdict check() {
		RedisServer watched;
		List<FailoverSafety.Replica> replicas = new ArrayList<>();
		try (RedisSentinelConnection sentinel = this.connections.getSentinelConnection()) {
			watched = sentinel.masters()
				.stream()
				.filter(server -> this.master.equals(server.getName()))
				.findFirst()
				.orElse(null);
			if (watched == null) {
				return unknown("the sentinel asked does not watch a primary named " + this.master);
			}
			Collection<RedisServer> known = sentinel.replicas(watched);
			for (RedisServer replica : known) {
				replicas.add(new FailoverSafety.Replica(replica.getHost() + ":" + replica.getPort(),
						integer(replica.get("slave-priority"), 100), inSync(replica)));
			}
		}
		catch (Exception ex) {
			return unknown("the sentinels could not be asked: " + ex.getMessage());
		}
		FailoverSafety.Sentinels sentinels = new FailoverSafety.Sentinels(
				1 + (int) orZero(watched.getNumberOtherSentinels()), (int) orZero(watched.getQuorum()),
				Duration.ofMillis(orZero(watched.getDownAfterMilliseconds())));
		return FailoverSafety.judge(this.replicasToAck, minReplicasToWrite(), replicas, sentinels);
	}

	private Integer minReplicasToWrite() {
		try {
			Properties config = this.redis.call("read min-replicas-to-write",
					connection -> connection.getConfig("min-replicas-to-write"));
			String value = config.getProperty("min-replicas-to-write");
			return (value != null) ? Integer.valueOf(value.strip()) : null;
		}
		catch (StoreUnavailableException | NumberFormatException ex) {
			// A managed Redis may refuse CONFIG: the rule is then judged without it.
			return null;
		}
	}

	private FailoverSafety.Verdict unknown(String problem) {
		return new FailoverSafety.Verdict(List.of(), this.replicasToAck, List.of(problem));
	}

	private static boolean inSync(RedisServer replica) {
		String flags = String.valueOf(replica.getFlags());
		return !flags.contains("s_down") && !flags.contains("o_down") && !flags.contains("disconnected")
				&& "ok".equals(replica.get("master-link-status"));
	}

	private static int integer(String value, int absent) {
		try {
			return (value != null) ? Integer.parseInt(value.strip()) : absent;
		}
		catch (NumberFormatException ex) {
			return absent;
		}
	}

	private static long orZero(Long value) {
		return (value != null) ? value : 0;
	}

}
