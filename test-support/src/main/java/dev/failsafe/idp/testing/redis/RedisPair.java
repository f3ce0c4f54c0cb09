package dev.failsafe.idp.testing.redis;

import java.time.Duration;

/**
 * A Redis primary with one replica in sync: what a store that waits for one acknowledgement
 * ({@code WAIT 1}) needs. Closing it stops both.
 *
 * @param primary the primary
 * @param replica its replica
 */
public record RedisPair(RedisServer primary, RedisServer replica) implements AutoCloseable {

	/** How long the replica may take to be in sync after it started. */
	private static final Duration IN_SYNC = Duration.ofSeconds(20);

	/** A primary started with {@code primaryArguments}, and its replica, once in sync. */
	public static RedisPair start(String... primaryArguments) {
		RedisServer primary = RedisServer.start(primaryArguments);
		RedisServer replica = null;
		try {
			replica = RedisServer.startReplicaOf(primary);
			primary.awaitInSync(1, IN_SYNC);
			return new RedisPair(primary, replica);
		}
		catch (RuntimeException ex) {
			if (replica != null) {
				replica.close();
			}
			primary.close();
			throw ex;
		}
	}

	@Override
	public void close() {
		try {
			this.replica.close();
		}
		finally {
			this.primary.close();
		}
	}

}
