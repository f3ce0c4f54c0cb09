package dev.failsafe.idp.replication.authorization;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.hazelcast.config.IndexType;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;

import dev.failsafe.idp.replication.hazelcast.HazelcastCalls;

/**
 * {@link AuthorizationStore} on two Hazelcast maps.
 *
 * <p>Storage layout (asserted by a test):
 * <ul>
 * <li>{@value #RECORDS_MAP}: {@code IMap<String, AuthorizationRecord>}, id to record, each entry
 * with a time to live of {@code expiresAt - now} (at least one second). Values are in Hazelcast's
 * Compact format as {@link AuthorizationRecordSerializer} writes them, and the map keeps no
 * deserialized copy of them (see {@link HazelcastStoresAutoConfiguration}). Inserted with
 * {@code putIfAbsent}; replaced only by the {@link ReplaceIfVersion} entry processor, which compares
 * the version and sets the value and its time to live in one partition operation. The map has a
 * hash index on the records' {@value #PRINCIPAL_ATTRIBUTE} attribute: {@link #findByPrincipalName}
 * is an indexed query ({@code values(principalName = ?)}), not a scan; an entry that expires leaves
 * the index with it. A replace whose new version names another principal moves the entry in that
 * index within the same partition operation as the version check (Hazelcast updates a map's
 * indexes with the value), so the record changes owner only together with its version.</li>
 * <li>{@value #INDEX_MAP}: {@code IMap<String, String>}, token hash to record id, with the record's
 * time to live. Entries are written before the record that lists them, and removed only after it
 * no longer does ({@code remove(hash, id)}), so a lookup never misses a live hash. A leftover
 * entry is harmless: a lookup returns the record only if it still lists the hash.</li>
 * </ul>
 * There are no scans. Hazelcast failures surface as
 * {@link dev.failsafe.idp.replication.StoreUnavailableException}.
 *
 * <p>After a successful replace the index entries of the hashes the new version keeps get its time
 * to live; if the process dies right between the two, those entries keep the previous one.
 */
public final class HazelcastAuthorizationStore implements AuthorizationStore {

	/** Id to {@link AuthorizationRecord}. */
	public static final String RECORDS_MAP = "idp.authorizations";

	/** Token hash to authorization id. */
	public static final String INDEX_MAP = "idp.authorizations.by-token-hash";

	/** The record attribute the principal index is on. */
	public static final String PRINCIPAL_ATTRIBUTE = "principalName";

	/** Hazelcast reads a zero time to live as "forever": never go below this. */
	private static final Duration MINIMUM_TTL = Duration.ofSeconds(1);

	private final IMap<String, AuthorizationRecord> records;

	private final IMap<String, String> index;

	private final Clock clock;

	public HazelcastAuthorizationStore(HazelcastInstance hazelcast) {
		this(hazelcast, Clock.systemUTC());
	}

	public HazelcastAuthorizationStore(HazelcastInstance hazelcast, Clock clock) {
		this.records = hazelcast.getMap(RECORDS_MAP);
		this.index = hazelcast.getMap(INDEX_MAP);
		this.clock = Objects.requireNonNull(clock, "clock");
		// Idempotent: every member adds the same index.
		HazelcastCalls.run("index authorizations by principal",
				() -> this.records.addIndex(IndexType.HASH, PRINCIPAL_ATTRIBUTE));
	}

	@Override
	public Optional<AuthorizationRecord> findById(String id) {
		return Optional.ofNullable(HazelcastCalls.call("read authorization", () -> this.records.get(id)));
	}

	@Override
	public Optional<AuthorizationRecord> findByTokenHash(String tokenHash) {
		String id = HazelcastCalls.call("read the token index", () -> this.index.get(tokenHash));
		if (id == null) {
			return Optional.empty();
		}
		// The index may hold a leftover: trust only a record that still lists the hash.
		return findById(id).filter((record) -> record.allHashes().contains(tokenHash));
	}

	@Override
	public List<AuthorizationRecord> findByPrincipalName(String principalName) {
		return HazelcastCalls.call("find a principal's authorizations",
				() -> List.copyOf(this.records.values(Predicates.equal(PRINCIPAL_ATTRIBUTE, principalName))));
	}

	@Override
	public boolean insert(AuthorizationRecord record) {
		if (record.version() != 1) {
			throw new IllegalArgumentException("A new authorization starts at version 1, not " + record.version());
		}
		long ttl = ttlMillis(record);
		indexHashes(record.id(), record.allHashes(), ttl);
		AuthorizationRecord existing = HazelcastCalls.call("store authorization",
				() -> this.records.putIfAbsent(record.id(), record, ttl, TimeUnit.MILLISECONDS));
		return existing == null;
	}

	@Override
	public boolean replace(AuthorizationRecord current, AuthorizationRecord next) {
		current.requireSuccessor(next);
		long ttl = ttlMillis(next);
		// Only the hashes this replace introduces: they are fresh tokens no other writer knows.
		Set<String> added = new HashSet<>(next.allHashes());
		added.removeAll(current.allHashes());
		indexHashes(next.id(), added, ttl);
		boolean replaced = HazelcastCalls.call("replace authorization", () -> this.records.executeOnKey(next.id(),
				new ReplaceIfVersion(current.version(), next, ttl)));
		if (replaced) {
			Set<String> kept = new HashSet<>(next.allHashes());
			kept.removeAll(added);
			indexHashes(next.id(), kept, ttl);
			Set<String> dropped = new HashSet<>(current.allHashes());
			dropped.removeAll(next.allHashes());
			unindexHashes(next.id(), dropped);
		}
		return replaced;
	}

	@Override
	public void remove(String id) {
		AuthorizationRecord removed = HazelcastCalls.call("remove authorization", () -> this.records.remove(id));
		if (removed != null) {
			unindexHashes(id, removed.allHashes());
		}
	}

	private void indexHashes(String id, Set<String> hashes, long ttlMillis) {
		HazelcastCalls.run("index authorization", () -> {
			for (String hash : hashes) {
				this.index.set(hash, id, ttlMillis, TimeUnit.MILLISECONDS);
			}
		});
	}

	private void unindexHashes(String id, Set<String> hashes) {
		HazelcastCalls.run("unindex authorization", () -> {
			for (String hash : hashes) {
				// Only if it still names this record.
				this.index.remove(hash, id);
			}
		});
	}

	private long ttlMillis(AuthorizationRecord record) {
		Duration ttl = Duration.between(Instant.now(this.clock), record.expiresAt());
		return ((ttl.compareTo(MINIMUM_TTL) < 0) ? MINIMUM_TTL : ttl).toMillis();
	}

}
