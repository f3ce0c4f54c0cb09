package dev.failsafe.idp.replication.testing;

import java.time.Duration;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.failsafe.idp.replication.redis.RedisCalls;
import dev.failsafe.idp.replication.redis.ReplicaAcknowledgement;
import dev.failsafe.idp.testing.redis.RedisServer;

/**
 * What the Redis stores' tests run against: a real primary with one real replica in sync, dedicated
 * connections to the primary, and the acknowledgement every acknowledged write waits for (one
 * replica, 5 s). Close it when done.
 */
public final class ReplicatedRedis implements AutoCloseable {

	private final RedisServer primary;

	private final RedisServer replica;

	private final LettuceConnectionFactory connections;

	private ReplicatedRedis(RedisServer primary, RedisServer replica, LettuceConnectionFactory connections) {
		this.primary = primary;
		this.replica = replica;
		this.connections = connections;
	}

	/** Starts the primary and its replica and waits until they are in sync. */
	public static ReplicatedRedis start() {
		RedisServer primary = RedisServer.start();
		RedisServer replica = RedisServer.startReplicaOf(primary);
		primary.awaitInSync(1, Duration.ofSeconds(20));
		return new ReplicatedRedis(primary, replica, RedisTestConnections.dedicated(primary));
	}

	public RedisServer primary() {
		return this.primary;
	}

	public RedisServer replica() {
		return this.replica;
	}

	public LettuceConnectionFactory connections() {
		return this.connections;
	}

	/** Calls on the primary, each on a connection of its own. */
	public RedisCalls calls() {
		return new RedisCalls(this.connections);
	}

	/** One replica within 5 s. */
	public ReplicaAcknowledgement acknowledgement() {
		return new ReplicaAcknowledgement(1, Duration.ofSeconds(5));
	}

	@Override
	public void close() {
		this.connections.destroy();
		this.replica.close();
		this.primary.close();
	}

}
