package dev.failsafe.idp.replication.authorization;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.StringRedisConnection;

import dev.failsafe.idp.replication.redis.RedisCalls;
import dev.failsafe.idp.replication.redis.ReplicaAcknowledgement;

/**
 * {@link AuthorizationStore} on Redis (standalone primary with replicas, or behind Sentinel).
 *
 * <p>Storage layout (asserted by a test):
 * <ul>
 * <li>{@code idp:authz:id:<id>}: a hash with the fields {@code version}, {@code principal},
 * {@code expires-at} (ISO-8601 instant), {@code token-hashes} and {@code retired-token-hashes} (JSON
 * arrays of hashes) and {@code payload}; it expires ({@code PEXPIRE}) at the record's
 * {@code expiresAt} (at least one second from the write).</li>
 * <li>{@code idp:authz:token:<hash>}: a string, the id of the record that lists {@code hash} (live or
 * retired), with the record's expiry. A lookup by token hash is {@code GET} then {@code HGETALL}: no
 * scans. A leftover entry is harmless: a lookup returns the record only if it still lists the hash.</li>
 * <li>{@code idp:authz:principal:<principal name>}: a sorted set of the ids of that principal's
 * records, each scored by when its record expires (epoch milliseconds). Every write to it first drops
 * the members whose score has passed ({@code ZREMRANGEBYSCORE}), so it holds about as many members
 * as the principal has live records, and the key itself expires ({@code PEXPIRE}, only ever
 * lengthened) with the last of them. A lookup by principal is {@code ZRANGEBYSCORE} from now, then
 * {@code HGETALL} per id (a member whose record is gone is skipped).</li>
 * </ul>
 * Token values never reach Redis: records carry only hashes.
 *
 * <p>Commands: reads are {@code GET}, {@code HGETALL} and {@code ZRANGEBYSCORE}. Every write is one
 * Lua script ({@code EVALSHA}, falling back to {@code EVAL} after {@code NOSCRIPT}), so the record and
 * its indexes change together: {@link #INSERT} ({@code EXISTS}, {@code HSET}, {@code PEXPIRE},
 * {@code SET ... PX}, {@code ZADD}: set-if-absent), {@link #REPLACE} (compare-and-set on
 * {@code version}; sets the index entries of the new hashes, deletes those of the hashes it drops if
 * they still name this id, moves the record's score in the principal index, and if the new version
 * names another principal moves the id from the old principal's index ({@code ZREM}) to the new
 * one's, so a record changes owner only together with its version) and {@link #REMOVE}
 * (compare-and-delete on the version read just before, retried if it changed; {@code ZREM} from the
 * principal index). A script that changed something is followed, on the same connection, by
 * {@code WAIT} ({@link ReplicaAcknowledgement}); too few acknowledgements, a refused write
 * ({@code NOREPLICAS}) or a lost connection throw
 * {@link dev.failsafe.idp.replication.StoreUnavailableException}. The scripts name every key they
 * touch in {@code KEYS}, but record and index keys are in different hash slots: Redis Cluster is not
 * supported (Sentinel is).
 */
public final class RedisAuthorizationStore implements AuthorizationStore {

	/** Prefix of the record keys: {@code idp:authz:id:<id>}. */
	public static final String RECORD_KEY_PREFIX = "idp:authz:id:";

	/** Prefix of the index keys: {@code idp:authz:token:<hash>}. */
	public static final String INDEX_KEY_PREFIX = "idp:authz:token:";

	/** Prefix of the principal index keys: {@code idp:authz:principal:<principal name>}. */
	public static final String PRINCIPAL_KEY_PREFIX = "idp:authz:principal:";

	/**
	 * Lua: {@code indexPrincipal(key, id, now, ttl)} scores {@code id} with its record's expiry in the
	 * principal index {@code key}, drops members already expired, and lengthens the key's own expiry
	 * to cover the record's.
	 */
	private static final String INDEX_PRINCIPAL = """
			local function indexPrincipal(key, id, now, ttl)
			  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
			  redis.call('ZADD', key, tonumber(now) + tonumber(ttl), id)
			  if redis.call('PTTL', key) < tonumber(ttl) then redis.call('PEXPIRE', key, ttl) end
			end
			""";

	/**
	 * KEYS: record, principal index, token index keys. ARGV: id, ttl ms, expires-at, token-hashes,
	 * retired-token-hashes, payload, principal name, now (epoch ms).
	 */
	static final String INSERT = INDEX_PRINCIPAL + """
			if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
			redis.call('HSET', KEYS[1], 'version', '1', 'principal', ARGV[7], 'expires-at', ARGV[3],
			  'token-hashes', ARGV[4], 'retired-token-hashes', ARGV[5], 'payload', ARGV[6])
			redis.call('PEXPIRE', KEYS[1], ARGV[2])
			for i = 3, #KEYS do redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2]) end
			indexPrincipal(KEYS[2], ARGV[1], ARGV[8], ARGV[2])
			return 1
			""";

	/**
	 * KEYS: record, the next version's principal index, the current version's principal index, index
	 * keys of the next version's hashes, index keys of the hashes it drops. ARGV: id, expected version,
	 * next version, ttl ms, expires-at, token-hashes, retired-token-hashes, payload, how many index
	 * keys belong to the next version, now (epoch ms), the next version's principal name.
	 */
	static final String REPLACE = INDEX_PRINCIPAL + """
			if redis.call('HGET', KEYS[1], 'version') ~= ARGV[2] then return 0 end
			redis.call('HSET', KEYS[1], 'version', ARGV[3], 'principal', ARGV[11], 'expires-at', ARGV[5],
			  'token-hashes', ARGV[6], 'retired-token-hashes', ARGV[7], 'payload', ARGV[8])
			redis.call('PEXPIRE', KEYS[1], ARGV[4])
			local kept = tonumber(ARGV[9])
			for i = 4, kept + 3 do redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[4]) end
			for i = kept + 4, #KEYS do
			  if redis.call('GET', KEYS[i]) == ARGV[1] then redis.call('DEL', KEYS[i]) end
			end
			if KEYS[3] ~= KEYS[2] then redis.call('ZREM', KEYS[3], ARGV[1]) end
			indexPrincipal(KEYS[2], ARGV[1], ARGV[10], ARGV[4])
			return 1
			""";

	/**
	 * KEYS: record, principal index, its token index keys. ARGV: id, version read. Returns 1 removed,
	 * 0 absent, -1 changed.
	 */
	static final String REMOVE = """
			local version = redis.call('HGET', KEYS[1], 'version')
			if not version then return 0 end
			if version ~= ARGV[2] then return -1 end
			redis.call('DEL', KEYS[1])
			redis.call('ZREM', KEYS[2], ARGV[1])
			for i = 3, #KEYS do
			  if redis.call('GET', KEYS[i]) == ARGV[1] then redis.call('DEL', KEYS[i]) end
			end
			return 1
			""";

	/** Redis takes a zero or negative expiry as an error or "now": never go below this. */
	private static final Duration MINIMUM_TTL = Duration.ofSeconds(1);

	private static final int REMOVE_ATTEMPTS = 10;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RedisCalls redis;

	private final ReplicaAcknowledgement acknowledgement;

	private final Clock clock;

	public RedisAuthorizationStore(RedisCalls redis, ReplicaAcknowledgement acknowledgement) {
		this(redis, acknowledgement, Clock.systemUTC());
	}

	public RedisAuthorizationStore(RedisCalls redis, ReplicaAcknowledgement acknowledgement, Clock clock) {
		this.redis = Objects.requireNonNull(redis, "redis");
		this.acknowledgement = Objects.requireNonNull(acknowledgement, "acknowledgement");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public Optional<AuthorizationRecord> findById(String id) {
		return this.redis.call("read authorization", (connection) -> read(connection, id));
	}

	@Override
	public Optional<AuthorizationRecord> findByTokenHash(String tokenHash) {
		return this.redis.call("read the token index", (connection) -> {
			String id = connection.get(INDEX_KEY_PREFIX + tokenHash);
			if (id == null) {
				return Optional.<AuthorizationRecord>empty();
			}
			// The index may hold a leftover: trust only a record that still lists the hash.
			return read(connection, id).filter((record) -> record.allHashes().contains(tokenHash));
		});
	}

	@Override
	public List<AuthorizationRecord> findByPrincipalName(String principalName) {
		long now = Instant.now(this.clock).toEpochMilli();
		return this.redis.call("find a principal's authorizations", (connection) -> {
			Set<String> ids = connection.zRangeByScore(PRINCIPAL_KEY_PREFIX + principalName, now + 1,
					Double.POSITIVE_INFINITY);
			List<AuthorizationRecord> records = new ArrayList<>();
			for (String id : (ids != null) ? ids : Set.<String>of()) {
				read(connection, id).filter((record) -> record.principalName().equals(principalName))
					.ifPresent(records::add);
			}
			return records;
		});
	}

	@Override
	public boolean insert(AuthorizationRecord record) {
		if (record.version() != 1) {
			throw new IllegalArgumentException("A new authorization starts at version 1, not " + record.version());
		}
		List<String> keysAndArgs = recordKeys(record);
		record.allHashes().forEach((hash) -> keysAndArgs.add(INDEX_KEY_PREFIX + hash));
		int keys = keysAndArgs.size();
		keysAndArgs.addAll(List.of(record.id(), ttlMillis(record), record.expiresAt().toString(),
				json(record.tokenHashes()), json(record.retiredTokenHashes()), record.payload(),
				record.principalName(), now()));
		return write("store authorization", INSERT, keys, keysAndArgs) == 1;
	}

	@Override
	public boolean replace(AuthorizationRecord current, AuthorizationRecord next) {
		current.requireSuccessor(next);
		Set<String> dropped = new HashSet<>(current.allHashes());
		dropped.removeAll(next.allHashes());
		List<String> keysAndArgs = recordKeys(next);
		keysAndArgs.add(PRINCIPAL_KEY_PREFIX + current.principalName());
		next.allHashes().forEach((hash) -> keysAndArgs.add(INDEX_KEY_PREFIX + hash));
		dropped.forEach((hash) -> keysAndArgs.add(INDEX_KEY_PREFIX + hash));
		int keys = keysAndArgs.size();
		keysAndArgs.addAll(List.of(next.id(), Long.toString(current.version()), Long.toString(next.version()),
				ttlMillis(next), next.expiresAt().toString(), json(next.tokenHashes()),
				json(next.retiredTokenHashes()), next.payload(), Integer.toString(next.allHashes().size()), now(),
				next.principalName()));
		return write("replace authorization", REPLACE, keys, keysAndArgs) == 1;
	}

	@Override
	public void remove(String id) {
		for (int attempt = 0; attempt < REMOVE_ATTEMPTS; attempt++) {
			Optional<AuthorizationRecord> found = findById(id);
			if (found.isEmpty()) {
				return;
			}
			AuthorizationRecord record = found.get();
			List<String> keysAndArgs = recordKeys(record);
			record.allHashes().forEach((hash) -> keysAndArgs.add(INDEX_KEY_PREFIX + hash));
			int keys = keysAndArgs.size();
			keysAndArgs.addAll(List.of(id, Long.toString(record.version())));
			if (write("remove authorization", REMOVE, keys, keysAndArgs) >= 0) {
				return;
			}
		}
		throw new dev.failsafe.idp.replication.StoreUnavailableException(
				"Authorization " + id + " kept changing while it was being removed");
	}

	/** The record's key and its principal index key, the first two KEYS of every write script. */
	private static List<String> recordKeys(AuthorizationRecord record) {
		List<String> keys = new ArrayList<>();
		keys.add(RECORD_KEY_PREFIX + record.id());
		keys.add(PRINCIPAL_KEY_PREFIX + record.principalName());
		return keys;
	}

	private String now() {
		return Long.toString(Instant.now(this.clock).toEpochMilli());
	}

	/** Runs a write script; if it changed something, waits for the replicas on the same connection. */
	private long write(String operation, String script, int keys, List<String> keysAndArgs) {
		return this.acknowledgement.runScript(this.redis, operation, script, keys, keysAndArgs, (result) -> result == 1);
	}

	private Optional<AuthorizationRecord> read(StringRedisConnection connection, String id) {
		Map<String, String> fields = connection.hGetAll(RECORD_KEY_PREFIX + id);
		if (fields == null || fields.isEmpty() || !fields.containsKey("version")) {
			return Optional.empty();
		}
		// A record written before the principal index existed has no principal: findable by id and
		// token only, until it expires.
		return Optional.of(new AuthorizationRecord(id, Long.parseLong(fields.get("version")),
				fields.getOrDefault("principal", ""), hashes(fields.get("token-hashes")), hashes(fields.get("retired-token-hashes")),
				Instant.parse(fields.get("expires-at")), fields.get("payload")));
	}

	private String ttlMillis(AuthorizationRecord record) {
		Duration ttl = Duration.between(Instant.now(this.clock), record.expiresAt());
		return Long.toString(((ttl.compareTo(MINIMUM_TTL) < 0) ? MINIMUM_TTL : ttl).toMillis());
	}

	private static String json(Set<String> hashes) {
		return JSON.writeValueAsString(hashes.stream().sorted().toList());
	}

	private static Set<String> hashes(String json) {
		return Set.of(JSON.readValue(json, String[].class));
	}

}
