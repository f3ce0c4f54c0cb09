package dev.failsafe.idp.replication.backchannel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.redis.connection.StringRedisConnection;

import dev.failsafe.idp.replication.redis.RedisCalls;
import dev.failsafe.idp.replication.redis.RedisScripts;
import dev.failsafe.idp.replication.redis.ReplicaAcknowledgement;

/**
 * {@link LogoutDeliveryStore} on Redis (standalone primary with replicas, or behind Sentinel): the
 * same Redis as the sessions, so a delivery is exactly as safe as the logout it comes from.
 *
 * <p>Storage layout (asserted by a test):
 * <ul>
 * <li>{@code idp:backchannel-logout:delivery:<id>}: a hash with the fields {@code client},
 * {@code subject}, {@code session}, {@code token-id}, {@code created-at}, {@code expires-at},
 * {@code next-attempt-at} (ISO-8601 instants), {@code attempts}, {@code claim} (empty while no node
 * holds it) and {@code scheduled} (how many times it was scheduled); it expires ({@code PEXPIRE}) at
 * the delivery's {@code expiresAt} (at least one second from the write).</li>
 * <li>{@code idp:backchannel-logout:due}: a sorted set of delivery ids, each scored by when it is due
 * (epoch milliseconds): its next attempt, or the end of its claim's lease. A member whose hash has
 * expired is dropped when it comes due.</li>
 * </ul>
 *
 * <p>Commands: {@link #claimDue} reads {@code ZRANGEBYSCORE ... LIMIT} and {@code HGETALL}; every
 * write is one Lua script ({@code EVALSHA}, {@code EVAL} after {@code NOSCRIPT}) naming its keys in
 * {@code KEYS}: {@link #SCHEDULE} ({@code EXISTS}, {@code HSET}, {@code PEXPIRE}, {@code ZADD};
 * {@code HINCRBY} of {@code scheduled} when the delivery exists already, so there is always a write
 * for {@code WAIT} to confirm), followed on the same connection by {@code WAIT}
 * ({@link ReplicaAcknowledgement}); {@link #CLAIM} ({@code ZSCORE}, {@code EXISTS}, {@code HSET},
 * {@code ZADD}; {@code ZREM} of an expired member), {@link #COMPLETE} ({@code HGET}, {@code DEL},
 * {@code ZREM}) and {@link #RESCHEDULE} ({@code HGET}, {@code HSET}, {@code ZADD}), which are not
 * waited for (deliveries are at least once). Record and index keys are in different hash slots:
 * Redis Cluster is not supported (Sentinel is).
 */
public final class RedisLogoutDeliveryStore implements LogoutDeliveryStore {

	/** Prefix of the delivery keys: {@code idp:backchannel-logout:delivery:<id>}. */
	public static final String DELIVERY_KEY_PREFIX = "idp:backchannel-logout:delivery:";

	/** The sorted set of delivery ids by due time. */
	public static final String DUE_KEY = "idp:backchannel-logout:due";

	/**
	 * KEYS: delivery, due. ARGV: id, client, subject, session, token-id, created-at, expires-at,
	 * next-attempt-at, next-attempt-at ms, ttl ms. Returns 1 new, 0 pending already.
	 */
	static final String SCHEDULE = """
			if redis.call('EXISTS', KEYS[1]) == 1 then
			  redis.call('HINCRBY', KEYS[1], 'scheduled', 1)
			  return 0
			end
			redis.call('HSET', KEYS[1], 'client', ARGV[2], 'subject', ARGV[3], 'session', ARGV[4],
			  'token-id', ARGV[5], 'created-at', ARGV[6], 'expires-at', ARGV[7], 'attempts', '0',
			  'next-attempt-at', ARGV[8], 'claim', '', 'scheduled', '1')
			redis.call('PEXPIRE', KEYS[1], ARGV[10])
			redis.call('ZADD', KEYS[2], ARGV[9], ARGV[1])
			return 1
			""";

	/**
	 * KEYS: delivery, due. ARGV: id, now ms, lease end ms, lease end, claim. Returns 1 claimed, 0 not
	 * due (or not pending), -1 expired (dropped from the due set).
	 */
	static final String CLAIM = """
			local due = redis.call('ZSCORE', KEYS[2], ARGV[1])
			if not due then return 0 end
			if redis.call('EXISTS', KEYS[1]) == 0 then
			  redis.call('ZREM', KEYS[2], ARGV[1])
			  return -1
			end
			if tonumber(due) > tonumber(ARGV[2]) then return 0 end
			redis.call('HSET', KEYS[1], 'claim', ARGV[5], 'next-attempt-at', ARGV[4])
			redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
			return 1
			""";

	/** KEYS: delivery, due. ARGV: id, claim. Returns 1 removed, 0 not held by this claim. */
	static final String COMPLETE = """
			if redis.call('HGET', KEYS[1], 'claim') ~= ARGV[2] then return 0 end
			redis.call('DEL', KEYS[1])
			redis.call('ZREM', KEYS[2], ARGV[1])
			return 1
			""";

	/**
	 * KEYS: delivery, due. ARGV: id, claim, attempts, next-attempt-at, next-attempt-at ms. Returns 1
	 * released, 0 not held by this claim.
	 */
	static final String RESCHEDULE = """
			if redis.call('HGET', KEYS[1], 'claim') ~= ARGV[2] then return 0 end
			redis.call('HSET', KEYS[1], 'attempts', ARGV[3], 'next-attempt-at', ARGV[4], 'claim', '')
			redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
			return 1
			""";

	/** Redis takes a zero or negative expiry as an error or "now": never go below this. */
	private static final Duration MINIMUM_TTL = Duration.ofSeconds(1);

	private final RedisCalls redis;

	private final ReplicaAcknowledgement acknowledgement;

	private final Clock clock;

	public RedisLogoutDeliveryStore(RedisCalls redis, ReplicaAcknowledgement acknowledgement) {
		this(redis, acknowledgement, Clock.systemUTC());
	}

	public RedisLogoutDeliveryStore(RedisCalls redis, ReplicaAcknowledgement acknowledgement, Clock clock) {
		this.redis = Objects.requireNonNull(redis, "redis");
		this.acknowledgement = Objects.requireNonNull(acknowledgement, "acknowledgement");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public boolean schedule(LogoutDelivery delivery) {
		List<String> keysAndArgs = new ArrayList<>(keys(delivery.id()));
		keysAndArgs.addAll(List.of(delivery.id(), delivery.clientId(), delivery.subject(), delivery.sessionId(),
				delivery.tokenId(), delivery.createdAt().toString(), delivery.expiresAt().toString(),
				delivery.nextAttemptAt().toString(), Long.toString(delivery.nextAttemptAt().toEpochMilli()),
				ttlMillis(delivery)));
		// Waits even when the delivery was already there: a retry of a schedule whose WAIT failed must
		// not be acknowledged unless the replicas have it.
		return this.acknowledgement.runScript(this.redis, "schedule a logout delivery", SCHEDULE, 2, keysAndArgs,
				(result) -> true) == 1;
	}

	@Override
	public List<LogoutDelivery> claimDue(Instant now, Duration lease, int max) {
		if (max <= 0) {
			return List.of();
		}
		Instant leaseEnd = now.plus(lease);
		return this.redis.call("claim logout deliveries", (connection) -> {
			Set<String> due = connection.zRangeByScore(DUE_KEY, Double.NEGATIVE_INFINITY, now.toEpochMilli(), 0, max);
			List<LogoutDelivery> claimed = new ArrayList<>();
			for (String id : (due != null) ? due : Set.<String>of()) {
				String claim = UUID.randomUUID().toString();
				List<String> keysAndArgs = new ArrayList<>(keys(id));
				keysAndArgs.addAll(List.of(id, Long.toString(now.toEpochMilli()), Long.toString(leaseEnd.toEpochMilli()),
						leaseEnd.toString(), claim));
				if (RedisScripts.run(connection, CLAIM, 2, keysAndArgs) == 1) {
					read(connection, id).filter((delivery) -> claim.equals(delivery.claim())).ifPresent(claimed::add);
				}
			}
			return claimed;
		});
	}

	@Override
	public boolean complete(LogoutDelivery claimed) {
		if (claimed.claim() == null) {
			return false;
		}
		List<String> keysAndArgs = new ArrayList<>(keys(claimed.id()));
		keysAndArgs.addAll(List.of(claimed.id(), claimed.claim()));
		return this.redis.call("complete a logout delivery",
				(connection) -> RedisScripts.run(connection, COMPLETE, 2, keysAndArgs) == 1);
	}

	@Override
	public boolean reschedule(LogoutDelivery claimed, Instant nextAttemptAt) {
		if (claimed.claim() == null) {
			return false;
		}
		List<String> keysAndArgs = new ArrayList<>(keys(claimed.id()));
		keysAndArgs.addAll(List.of(claimed.id(), claimed.claim(), Integer.toString(claimed.attempts() + 1),
				nextAttemptAt.toString(), Long.toString(nextAttemptAt.toEpochMilli())));
		return this.redis.call("reschedule a logout delivery",
				(connection) -> RedisScripts.run(connection, RESCHEDULE, 2, keysAndArgs) == 1);
	}

	@Override
	public long pending() {
		return this.redis.call("count logout deliveries", (connection) -> {
			Long count = connection.zCard(DUE_KEY);
			return (count != null) ? count : 0L;
		});
	}

	private static List<String> keys(String id) {
		return List.of(DELIVERY_KEY_PREFIX + id, DUE_KEY);
	}

	private java.util.Optional<LogoutDelivery> read(StringRedisConnection connection, String id) {
		Map<String, String> fields = connection.hGetAll(DELIVERY_KEY_PREFIX + id);
		if (fields == null || !fields.containsKey("client")) {
			return java.util.Optional.empty();
		}
		return java.util.Optional.of(new LogoutDelivery(id, fields.get("client"), fields.get("subject"),
				fields.get("session"), fields.get("token-id"), Instant.parse(fields.get("created-at")),
				Instant.parse(fields.get("expires-at")), Integer.parseInt(fields.get("attempts")),
				Instant.parse(fields.get("next-attempt-at")), fields.get("claim")));
	}

	private String ttlMillis(LogoutDelivery delivery) {
		Duration ttl = Duration.between(Instant.now(this.clock), delivery.expiresAt());
		return Long.toString(((ttl.compareTo(MINIMUM_TTL) < 0) ? MINIMUM_TTL : ttl).toMillis());
	}

}
