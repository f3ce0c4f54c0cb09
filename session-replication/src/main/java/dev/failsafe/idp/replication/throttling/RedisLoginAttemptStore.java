package dev.failsafe.idp.replication.throttling;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.failsafe.idp.replication.redis.RedisCalls;
import dev.failsafe.idp.replication.redis.RedisScripts;

/**
 * {@link LoginAttemptStore} on Redis: one budget per pair, address and account for every node of
 * every site that shares the Redis primary.
 *
 * <p>Storage layout (asserted by a test): three sorted sets, each member an attempt, {@code p:<id>}
 * while pending or {@code f:<id>} once failed, scored by the attempt's time (epoch milliseconds),
 * each key expiring ({@code PEXPIRE}) one window after its latest write:
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
 * ({@code ZREMRANGEBYSCORE} of failures that left the window, {@code ZRANGEBYSCORE} and {@code ZREM} of
 * pending attempts past {@link #PENDING_LIFETIME}, {@code ZRANGE ... WITHSCORES} for the count and the
 * wait, {@code ZADD}, {@code ZREMRANGEBYRANK} to the limit, {@code PEXPIRE}), {@link #FAILED}
 * ({@code ZREM} of the pending member, {@code ZADD} of the failure), {@link #SUCCEEDED} ({@code DEL} of
 * the pair, {@code ZREM}) and {@link #WITHDRAW} ({@code ZREM}). These writes are not followed by
 * {@code WAIT}: a failover may lose the last moment's attempts, which only gives an attacker back
 * those few. A failed call throws {@link dev.failsafe.idp.replication.StoreUnavailableException};
 * the provider then refuses the login ("try again"), as it must since its session could not be stored
 * either.
 */
public final class RedisLoginAttemptStore implements LoginAttemptStore {

	/** Prefix of the pair keys: {@code idp:login:pair:<account>:<address>}. */
	public static final String PAIR_KEY_PREFIX = "idp:login:pair:";

	/** Prefix of the address keys: {@code idp:login:address:<address>}. */
	public static final String ADDRESS_KEY_PREFIX = "idp:login:address:";

	/** Prefix of the account keys: {@code idp:login:account:<account>}. */
	public static final String ACCOUNT_KEY_PREFIX = "idp:login:account:";

	/**
	 * KEYS: pair, address, account. ARGV: now ms, window ms, pending lifetime ms, attempt id, per-pair,
	 * per-address and per-account limits. Returns 0 when admitted (and counted as pending), else the
	 * wait in milliseconds.
	 */
	static final String ADMIT = """
			local now, window, pending = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
			local keep = { tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]) }
			local expiries = {}
			for i = 1, 3 do
			  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
			  for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[i], '-inf', now - pending)) do
			    if string.sub(member, 1, 2) == 'p:' then redis.call('ZREM', KEYS[i], member) end
			  end
			  local members = redis.call('ZRANGE', KEYS[i], 0, -1, 'WITHSCORES')
			  expiries[i] = {}
			  for j = 1, #members, 2 do
			    local life = (string.sub(members[j], 1, 2) == 'p:') and pending or window
			    table.insert(expiries[i], tonumber(members[j + 1]) + life)
			  end
			  table.sort(expiries[i])
			end
			local limits = { keep[1], keep[2] }
			if #expiries[3] >= keep[3] then limits[1] = 1 end
			local wait = 0
			for i = 1, 2 do
			  local count = #expiries[i]
			  if count >= limits[i] then
			    wait = math.max(wait, expiries[i][count - limits[i] + 1] - now, 1)
			  end
			end
			if wait > 0 then return wait end
			for i = 1, 3 do
			  redis.call('ZADD', KEYS[i], now, 'p:' .. ARGV[4])
			  redis.call('ZREMRANGEBYRANK', KEYS[i], 0, -(keep[i] + 1))
			  redis.call('PEXPIRE', KEYS[i], window)
			end
			return 0
			""";

	/**
	 * KEYS: pair, address, account. ARGV: attempt id, now ms, window ms, per-pair, per-address and
	 * per-account limits. Where the attempt is still pending, it becomes a failure at now.
	 */
	static final String FAILED = """
			for i = 1, 3 do
			  if redis.call('ZREM', KEYS[i], 'p:' .. ARGV[1]) == 1 then
			    redis.call('ZADD', KEYS[i], ARGV[2], 'f:' .. ARGV[1])
			    redis.call('ZREMRANGEBYRANK', KEYS[i], 0, -(tonumber(ARGV[3 + i]) + 1))
			    redis.call('PEXPIRE', KEYS[i], ARGV[3])
			  end
			end
			return 1
			""";

	/** KEYS: pair, address, account. ARGV: attempt id. */
	static final String SUCCEEDED = """
			redis.call('DEL', KEYS[1])
			redis.call('ZREM', KEYS[2], 'p:' .. ARGV[1])
			redis.call('ZREM', KEYS[3], 'p:' .. ARGV[1])
			return 1
			""";

	/** KEYS: pair, address, account. ARGV: attempt id. */
	static final String WITHDRAW = """
			for i = 1, 3 do redis.call('ZREM', KEYS[i], 'p:' .. ARGV[1]) end
			return 1
			""";

	private final RedisCalls redis;

	public RedisLoginAttemptStore(RedisCalls redis) {
		this.redis = Objects.requireNonNull(redis, "redis");
	}

	@Override
	public Admission admit(String account, String address, LoginLimits limits, Instant now) {
		String attemptId = UUID.randomUUID().toString();
		long wait = run("count a login attempt", ADMIT, account, address, Long.toString(now.toEpochMilli()),
				Long.toString(limits.window().toMillis()), Long.toString(PENDING_LIFETIME.toMillis()), attemptId,
				Integer.toString(limits.perPair()), Integer.toString(limits.perAddress()),
				Integer.toString(limits.perAccount()));
		return (wait == 0) ? Admission.admitted(attemptId) : Admission.refused(Duration.ofMillis(wait));
	}

	@Override
	public void failed(String account, String address, String attemptId, LoginLimits limits, Instant now) {
		run("count a failed login", FAILED, account, address, Objects.requireNonNull(attemptId, "attemptId"),
				Long.toString(now.toEpochMilli()), Long.toString(limits.window().toMillis()),
				Integer.toString(limits.perPair()), Integer.toString(limits.perAddress()),
				Integer.toString(limits.perAccount()));
	}

	@Override
	public void succeeded(String account, String address, String attemptId) {
		run("forget a pair's failed logins", SUCCEEDED, account, address,
				Objects.requireNonNull(attemptId, "attemptId"));
	}

	@Override
	public void withdraw(String account, String address, String attemptId) {
		run("withdraw a login attempt", WITHDRAW, account, address, Objects.requireNonNull(attemptId, "attemptId"));
	}

	/** Runs {@code script} with the three counters' keys and {@code args}. */
	private long run(String operation, String script, String account, String address, String... args) {
		List<String> keysAndArgs = new java.util.ArrayList<>(List.of(pairKey(account, address),
				ADDRESS_KEY_PREFIX + address, ACCOUNT_KEY_PREFIX + account));
		keysAndArgs.addAll(List.of(args));
		return this.redis.call(operation, (connection) -> RedisScripts.run(connection, script, 3, keysAndArgs));
	}

	private static String pairKey(String account, String address) {
		return PAIR_KEY_PREFIX + LoginAttemptStore.requireIdentifier(account) + ":"
				+ LoginAttemptStore.requireIdentifier(address);
	}

}
