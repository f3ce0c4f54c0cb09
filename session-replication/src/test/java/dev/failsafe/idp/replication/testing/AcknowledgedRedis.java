package dev.failsafe.idp.replication.testing;

import java.time.Duration;

import dev.failsafe.idp.replication.redis.RedisCalls;
import dev.failsafe.idp.replication.redis.ReplicaAcknowledgement;
import dev.failsafe.idp.testing.redis.RedisPair;
import dev.failsafe.idp.testing.redis.RedisServer;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * What a Redis store is built on in the tests, as in production: a primary with one replica in sync,
 * dedicated connections to the primary, and every write acknowledged by the replica. Closing it
 * closes the connections and stops both servers.
 *
 * @param servers the primary and its replica
 * @param connections dedicated connections to the primary
 */
public record AcknowledgedRedis(RedisPair servers, LettuceConnectionFactory connections) implements AutoCloseable {

	/** Starts the servers and connects. */
	public static AcknowledgedRedis start() {
		RedisPair servers = RedisPair.start();
		try {
			return new AcknowledgedRedis(servers, RedisTestConnections.dedicated(servers.primary()));
		}
		catch (RuntimeException ex) {
			servers.close();
			throw ex;
		}
	}

	public RedisServer primary() {
		return this.servers.primary();
	}

	public RedisServer replica() {
		return this.servers.replica();
	}

	/** Calls over the dedicated connections. */
	public RedisCalls calls() {
		return new RedisCalls(this.connections);
	}

	/** One replica's acknowledgement of every write, within 5 seconds. */
	public ReplicaAcknowledgement acknowledgement() {
		return new ReplicaAcknowledgement(1, Duration.ofSeconds(5));
	}

	@Override
	public void close() {
		try {
			this.connections.destroy();
		}
		finally {
			this.servers.close();
		}
	}

}
