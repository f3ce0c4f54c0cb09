package dev.failsafe.idp.replication.authorization;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import dev.failsafe.idp.replication.redis.RedisCalls;
import dev.failsafe.idp.replication.redis.ReplicaAcknowledgement;

/**
 * {@link ConsentStore} on Redis.
 *
 * <p>Storage layout (asserted by a test): {@code idp:consent:<principal name>} is a hash per user,
 * field the client's registration id, value the granted authorities as a JSON array; no expiry (like
 * the Hazelcast store). Client and user are two separate parts (key and field), so no separator can
 * make two pairs collide. Commands: {@code HGET}; {@code HSET}, {@code HDEL} and {@code DEL} (every
 * consent of a user), each followed on the
 * same connection by {@code WAIT} ({@link ReplicaAcknowledgement}) when it changed something. Redis
 * failures and too few acknowledgements throw
 * {@link dev.failsafe.idp.replication.StoreUnavailableException}.
 */
public final class RedisConsentStore implements ConsentStore {

	/** Prefix of the per-user hashes: {@code idp:consent:<principal name>}. */
	public static final String KEY_PREFIX = "idp:consent:";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RedisCalls redis;

	private final ReplicaAcknowledgement acknowledgement;

	public RedisConsentStore(RedisCalls redis, ReplicaAcknowledgement acknowledgement) {
		this.redis = Objects.requireNonNull(redis, "redis");
		this.acknowledgement = Objects.requireNonNull(acknowledgement, "acknowledgement");
	}

	@Override
	public Optional<ConsentRecord> find(String registeredClientId, String principalName) {
		String authorities = this.redis.call("read consent",
				(connection) -> connection.hGet(KEY_PREFIX + principalName, registeredClientId));
		return Optional.ofNullable(authorities)
			.map((json) -> new ConsentRecord(registeredClientId, principalName,
					Set.of(JSON.readValue(json, String[].class))));
	}

	@Override
	public void save(ConsentRecord consent) {
		String authorities = JSON.writeValueAsString(consent.authorities().stream().sorted().toList());
		this.redis.call("store consent", (connection) -> {
			connection.hSet(KEY_PREFIX + consent.principalName(), consent.registeredClientId(), authorities);
			this.acknowledgement.await(connection, "store consent");
			return null;
		});
	}

	@Override
	public void remove(String registeredClientId, String principalName) {
		this.redis.call("remove consent", (connection) -> {
			Long removed = connection.hDel(KEY_PREFIX + principalName, registeredClientId);
			if (removed != null && removed > 0) {
				this.acknowledgement.await(connection, "remove consent");
			}
			return null;
		});
	}

	@Override
	public void removeAll(String principalName) {
		this.redis.call("remove a user's consents", (connection) -> {
			Long removed = connection.del(KEY_PREFIX + principalName);
			if (removed != null && removed > 0) {
				this.acknowledgement.await(connection, "remove a user's consents");
			}
			return null;
		});
	}

}
