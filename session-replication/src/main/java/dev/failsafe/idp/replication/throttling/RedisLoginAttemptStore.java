package dev.failsafe.idp.replication.throttling;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.failsafe.idp.replication.sites.RedisCalls;
import dev.failsafe.idp.replication.sites.RedisScripts;

/**
 * {@link LoginAttemptStore} on Redis: one budget per pair, address and account for every node of
 * every site that shares the Redis primary.
 *
 * <p>Storage layout (asserted by a test): three sorted sets, each member an attempt id scored by the
 * attempt's time (epoch milliseconds), each key expiring ({@code PEXPIRE}) one window after its
 * latest attempt:
 * <ul>
 * <li>{@code idp:login:pair:<account>:<address>}, at most {@code perPair} members;</li>
 * <li>{@code idp:login:address:<address>}, at most {@code perAddress} members;</li>
 * <li>{@code idp:login:account:<account>}, at most {@code perAccount} members.</li>
 * </ul>
 * A set never holds more than its limit (the newest attempts: all the rule needs), and every key
 * expires, so nothing grows without bound.
 *
 * <p>Commands: each call is one Lua script ({@code EVALSHA}, {@code EVAL} after {@code NOSCRIPT}), so
 * check and count are one atomic step however many nodes race: {@link #ADMIT}
 * ({@code ZREMRANGEBYSCORE} of what left the window, {@code ZCARD}, {@code ZRANGE ... WITHSCORES} for
 * the wait, {@code ZADD}, {@code ZREMRANGEBYRANK} to the limit, {@code PEXPIRE}), {@link #SUCCEEDED}
 * ({@code DEL} of the pair, {@code ZREM}) and {@link #WITHDRAW} ({@code ZREM}). These writes are not
 * followed by {@code WAIT}: a failover may lose the last moment's attempts, which only gives an
 * attacker back those few. A failed call throws
 * {@link dev.failsafe.idp.replication.StoreUnavailableException}; the provider then refuses the
 * login ("try again"), as it must since its session could not be stored either.
 */
public final class RedisLoginAttemptStore implements LoginAttemptStore {

	/** Prefix of the pair keys: {@code idp:login:pair:<account>:<address>}. */
	public static final String PAIR_KEY_PREFIX = "idp:login:pair:";

	/** Prefix of the address keys: {@code idp:login:address:<address>}. */
	public static final String ADDRESS_KEY_PREFIX = "idp:login:address:";

	/** Prefix of the account keys: {@code idp:login:account:<account>}. */
	public static final String ACCOUNT_KEY_PREFIX = "idp:login:account:";

	/**
	 * KEYS: pair, address, account. ARGV: now ms, window ms, attempt id, per-pair, per-address and
	 * per-account limits. Returns 0 when admitted (and counted), else the wait in milliseconds.
	 */
	static final String ADMIT = """
			local now = tonumber(ARGV[1])
			local window = tonumber(ARGV[2])
			local counts = {}
			for i = 1, 3 do
			  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
			  counts[i] = redis.call('ZCARD', KEYS[i])
			end
			local keep = { tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]) }
			local limits = { keep[1], keep[2] }
			if counts[3] >= keep[3] then limits[1] = 1 end
			local wait = 0
			for i = 1, 2 do
			  if counts[i] >= limits[i] then
			    local blocking = redis.call('ZRANGE', KEYS[i], counts[i] - limits[i], counts[i] - limits[i], 'WITHSCORES')
			    wait = math.max(wait, tonumber(blocking[2]) + window - now, 1)
			  end
			end
			if wait > 0 then return wait end
			for i = 1, 3 do
			  redis.call('ZADD', KEYS[i], now, ARGV[3])
			  redis.call('ZREMRANGEBYRANK', KEYS[i], 0, -(keep[i] + 1))
			  redis.call('PEXPIRE', KEYS[i], window)
			end
			return 0
			""";

	/** KEYS: pair, address, account. ARGV: attempt id. */
	static final String SUCCEEDED = """
			redis.call('DEL', KEYS[1])
			redis.call('ZREM', KEYS[2], ARGV[1])
			redis.call('ZREM', KEYS[3], ARGV[1])
			return 1
			""";

	/** KEYS: pair, address, account. ARGV: attempt id. */
	static final String WITHDRAW = """
			for i = 1, 3 do redis.call('ZREM', KEYS[i], ARGV[1]) end
			return 1
			""";

	private final RedisCalls redis;

	public RedisLoginAttemptStore(RedisCalls redis) {
		this.redis = Objects.requireNonNull(redis, "redis");
	}

	@Override
	public Admission admit(String account, String address, LoginLimits limits, Instant now) {
		String attemptId = UUID.randomUUID().toString();
		List<String> keysAndArgs = List.of(pairKey(account, address), ADDRESS_KEY_PREFIX + address,
				ACCOUNT_KEY_PREFIX + account, Long.toString(now.toEpochMilli()),
				Long.toString(limits.window().toMillis()), attemptId, Integer.toString(limits.perPair()),
				Integer.toString(limits.perAddress()), Integer.toString(limits.perAccount()));
		long wait = this.redis.call("count a login attempt",
				(connection) -> RedisScripts.run(connection, ADMIT, 3, keysAndArgs));
		return (wait == 0) ? Admission.admitted(attemptId) : Admission.refused(Duration.ofMillis(wait));
	}

	@Override
	public void succeeded(String account, String address, String attemptId) {
		release("forget a pair's failed logins", SUCCEEDED, account, address, attemptId);
	}

	@Override
	public void withdraw(String account, String address, String attemptId) {
		release("withdraw a login attempt", WITHDRAW, account, address, attemptId);
	}

	private void release(String operation, String script, String account, String address, String attemptId) {
		List<String> keysAndArgs = List.of(pairKey(account, address), ADDRESS_KEY_PREFIX + address,
				ACCOUNT_KEY_PREFIX + account, Objects.requireNonNull(attemptId, "attemptId"));
		this.redis.call(operation, (connection) -> RedisScripts.run(connection, script, 3, keysAndArgs));
	}

	private static String pairKey(String account, String address) {
		return PAIR_KEY_PREFIX + LoginAttemptStore.requireIdentifier(account) + ":"
				+ LoginAttemptStore.requireIdentifier(address);
	}

}
