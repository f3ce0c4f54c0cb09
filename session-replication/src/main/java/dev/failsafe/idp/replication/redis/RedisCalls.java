package dev.failsafe.idp.replication.redis;

import java.util.function.Function;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.DefaultStringRedisConnection;
import org.springframework.data.redis.connection.PoolException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.StringRedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.failsafe.idp.replication.StoreUnavailableException;

/**
 * Runs Redis commands on one connection of its own and turns Redis failures (connection lost,
 * timeouts, {@code NOREPLICAS}, a read-only former primary, an exhausted pool) into
 * {@link StoreUnavailableException}, the one exception callers of the stores handle as "try again".
 *
 * <p>Every call gets a connection to itself for its whole duration, so a write and the {@code WAIT}
 * after it run on the same connection: {@code WAIT} counts the replicas that acknowledged the
 * connection's own last write. That needs a factory that hands out dedicated connections, which
 * {@link #requireDedicatedConnections} checks.
 */
public final class RedisCalls {

	private final RedisConnectionFactory connections;

	public RedisCalls(RedisConnectionFactory connections) {
		this.connections = requireDedicatedConnections(connections);
	}

	/**
	 * Refuses a Lettuce factory that multiplexes every caller over one shared connection: there a
	 * {@code WAIT} would block every other caller.
	 */
	public static RedisConnectionFactory requireDedicatedConnections(RedisConnectionFactory connections) {
		if (connections instanceof LettuceConnectionFactory lettuce && lettuce.getShareNativeConnection()) {
			throw new IllegalArgumentException("The Redis stores need a connection per operation (a write and its "
					+ "WAIT share one): set shareNativeConnection to false on the LettuceConnectionFactory");
		}
		return connections;
	}

	/** Runs {@code action} on a connection of its own. */
	public <T> T call(String operation, Function<StringRedisConnection, T> action) {
		try (RedisConnection connection = this.connections.getConnection()) {
			return action.apply(new DefaultStringRedisConnection(connection));
		}
		catch (DataAccessException | PoolException | io.lettuce.core.RedisException ex) {
			throw new StoreUnavailableException("Redis could not " + operation, ex);
		}
	}

}
