package dev.failsafe.idp.replication.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.LongPredicate;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.IntegerOutput;

import org.springframework.data.redis.connection.DecoratedRedisConnection;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;

import dev.failsafe.idp.replication.StoreUnavailableException;

/**
 * "Acknowledged means replicated": after a write, {@code WAIT replicas timeout} on the connection
 * that made it; fewer acknowledgements than required and the write is not confirmed
 * ({@link StoreUnavailableException}). The write may still be on the primary (and reach the replicas
 * later): callers report failure, never success, and the user tries again.
 *
 * <p>{@code WAIT} proves receipt by those replicas, not that a failover keeps the write: every replica
 * Sentinel may promote must be among those waited for (see the README's topology rule).
 */
public final class ReplicaAcknowledgement {

	private final int replicas;

	private final Duration timeout;

	public ReplicaAcknowledgement(int replicas, Duration timeout) {
		if (replicas < 0) {
			throw new IllegalArgumentException("replicas must be 0 or more");
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive (WAIT 0 would wait forever)");
		}
		this.replicas = replicas;
		this.timeout = timeout;
	}

	public static ReplicaAcknowledgement from(RedisReplicationProperties properties) {
		return new ReplicaAcknowledgement(properties.replicasToAck(), properties.ackTimeout());
	}

	public int replicas() {
		return this.replicas;
	}

	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Waits until the configured number of replicas acknowledged the last write made on
	 * {@code connection}; with zero replicas required, returns at once.
	 * @throws StoreUnavailableException if fewer acknowledged within the timeout
	 */
	public void await(RedisConnection connection, String write) {
		if (this.replicas == 0) {
			return;
		}
		Object reply = waitCommand(connection, bytes(this.replicas), bytes(this.timeout.toMillis()));
		long acknowledged = (reply instanceof Number number) ? number.longValue() : -1;
		if (acknowledged < this.replicas) {
			throw new StoreUnavailableException(write + ": " + Math.max(acknowledged, 0) + " of " + this.replicas
					+ " replicas acknowledged within " + this.timeout);
		}
	}

	/**
	 * Runs a write {@code script} ({@link RedisScripts#run}) on a connection of its own and, when
	 * {@code confirm} holds for its result, waits for the replicas on that connection
	 * ({@link #await}): the one way the stores make an acknowledged scripted write.
	 */
	public long runScript(RedisCalls redis, String operation, String script, int keys, List<String> keysAndArgs,
			LongPredicate confirm) {
		return redis.call(operation, (connection) -> {
			long result = RedisScripts.run(connection, script, keys, keysAndArgs);
			if (confirm.test(result)) {
				await(connection, operation);
			}
			return result;
		});
	}

	/** Lettuce needs to be told that the reply is an integer. */
	private static Object waitCommand(RedisConnection connection, byte[]... arguments) {
		RedisConnection target = connection;
		while (target instanceof DecoratedRedisConnection decorated) {
			target = decorated.getDelegate();
		}
		if (target instanceof LettuceConnection lettuce) {
			return lettuce.execute("WAIT", new IntegerOutput<>(ByteArrayCodec.INSTANCE), arguments);
		}
		return target.execute("WAIT", arguments);
	}

	private static byte[] bytes(long value) {
		return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
	}

}
