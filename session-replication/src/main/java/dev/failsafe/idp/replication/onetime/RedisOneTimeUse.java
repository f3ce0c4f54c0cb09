package dev.failsafe.idp.replication.onetime;

import java.time.Duration;
import java.util.Objects;

import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.types.Expiration;

import dev.failsafe.idp.replication.redis.RedisCalls;
import dev.failsafe.idp.replication.redis.ReplicaAcknowledgement;

/**
 * {@link OneTimeUse} on Redis.
 *
 * <p>Storage layout (asserted by a test): {@code idp:once:<key>} is a string {@code 1} expiring after
 * the window. Commands: {@code SET key 1 NX PX <window>}, followed on the same connection by
 * {@code WAIT} ({@link ReplicaAcknowledgement}) when it was set, so a use is recorded on a replica
 * before it is accepted, and a failover cannot make it usable again. Redis failures and too few
 * acknowledgements throw {@link dev.failsafe.idp.replication.StoreUnavailableException}.
 */
public final class RedisOneTimeUse implements OneTimeUse {

	/** Prefix of the keys: {@code idp:once:<key>}. */
	public static final String KEY_PREFIX = "idp:once:";

	private final RedisCalls redis;

	private final ReplicaAcknowledgement acknowledgement;

	public RedisOneTimeUse(RedisCalls redis, ReplicaAcknowledgement acknowledgement) {
		this.redis = Objects.requireNonNull(redis, "redis");
		this.acknowledgement = Objects.requireNonNull(acknowledgement, "acknowledgement");
	}

	@Override
	public boolean firstUse(String key, Duration window) {
		OneTimeKeys.check(key, window);
		return this.redis.call("record a one-time use", (connection) -> {
			Boolean set = connection.set(KEY_PREFIX + key, "1", Expiration.milliseconds(window.toMillis()),
					SetOption.SET_IF_ABSENT);
			if (Boolean.TRUE.equals(set)) {
				this.acknowledgement.await(connection, "record a one-time use");
				return true;
			}
			return false;
		});
	}

}
