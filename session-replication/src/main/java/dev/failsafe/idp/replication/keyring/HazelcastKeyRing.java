package dev.failsafe.idp.replication.keyring;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.failsafe.idp.replication.hazelcast.HazelcastCalls;

/**
 * The key ring in two Hazelcast maps, backed by this member's {@link LocalRingFile}.
 *
 * <p>Storage layout (asserted by a test):
 * <ul>
 * <li>{@value #KEYS_MAP}: {@code IMap<String, SigningKeyRecord>}, kid to key. Written only with
 * {@code putIfAbsent}; a record is never replaced or removed.</li>
 * <li>{@value #REVOCATIONS_MAP}: {@code IMap<String, KeyRevocation>}, kid to tombstone. Written only
 * by an entry processor that keeps the earlier tombstone.</li>
 * </ul>
 * Every add and revoke also goes into the local file. {@link #repair()} puts the union of the file
 * and the maps back into both; it runs when the ring is created and then every repair interval, so
 * a lost update, a merge after a partition and a cold start all end in the same union. Entry
 * listeners on both maps (added, updated, merged) run the {@link #onChange} callbacks.
 */
public final class HazelcastKeyRing implements KeyRing, AutoCloseable {

	/** Kid to {@link SigningKeyRecord}. */
	public static final String KEYS_MAP = "idp.keyring.keys";

	/** Kid to {@link KeyRevocation}. */
	public static final String REVOCATIONS_MAP = "idp.keyring.revocations";

	private static final Logger logger = LoggerFactory.getLogger(HazelcastKeyRing.class);

	private final IMap<String, SigningKeyRecord> keys;

	private final IMap<String, KeyRevocation> revocations;

	private final LocalRingFile file;

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	private final UUID keysListener;

	private final UUID revocationsListener;

	private final ScheduledExecutorService repairs;

	/**
	 * Opens the ring, repairs it once (failing if the file and the maps disagree on a kid's
	 * material), then repairs it every {@code repairInterval} until {@link #close()}.
	 */
	public HazelcastKeyRing(HazelcastInstance hazelcast, LocalRingFile file, Duration repairInterval) {
		Objects.requireNonNull(hazelcast, "hazelcast");
		this.file = Objects.requireNonNull(file, "file");
		if (repairInterval.isNegative() || repairInterval.isZero()) {
			throw new IllegalArgumentException("repairInterval must be positive");
		}
		this.keys = hazelcast.getMap(KEYS_MAP);
		this.revocations = hazelcast.getMap(REVOCATIONS_MAP);
		ChangeListener changes = new ChangeListener();
		this.keysListener = this.keys.addEntryListener(changes, false);
		this.revocationsListener = this.revocations.addEntryListener(changes, false);
		try {
			repair();
		}
		catch (RuntimeException ex) {
			removeListeners();
			throw ex;
		}
		this.repairs = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
			.name("idp-keyring-repair")
			.daemon(true)
			.factory());
		long millis = repairInterval.toMillis();
		this.repairs.scheduleWithFixedDelay(this::repairQuietly, millis, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public KeyRingSnapshot snapshot() {
		return HazelcastCalls.call("read the key ring",
				() -> KeyRingSnapshot.of(this.keys.values(), this.revocations.values()));
	}

	@Override
	public void add(SigningKeyRecord key) {
		putKey(key);
		this.file.merge(KeyRingSnapshot.of(List.of(key), List.of()));
	}

	@Override
	public void revoke(KeyRevocation revocation) {
		mergeRevocation(revocation);
		this.file.merge(KeyRingSnapshot.of(List.of(), List.of(revocation)));
	}

	@Override
	public void onChange(Runnable listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener"));
	}

	/**
	 * Writes the union of the local file and the maps back into both.
	 * @return the union
	 * @throws ConflictingKeyMaterialException if the file and the maps hold different material for
	 * one kid
	 */
	public KeyRingSnapshot repair() {
		KeyRingSnapshot fromFile = this.file.read();
		KeyRingSnapshot fromMaps = snapshot();
		KeyRingSnapshot union = fromMaps.union(fromFile);
		int keysAdded = 0;
		for (SigningKeyRecord key : union.keys().values()) {
			if (!fromMaps.keys().containsKey(key.kid())) {
				putKey(key);
				keysAdded++;
			}
		}
		for (KeyRevocation revocation : union.revocations().values()) {
			if (!revocation.equals(fromMaps.revocations().get(revocation.kid()))) {
				mergeRevocation(revocation);
			}
		}
		KeyRingSnapshot inFile = this.file.merge(fromMaps);
		if (keysAdded > 0 || !inFile.equals(fromFile)) {
			logger.info("Repaired the key ring: {} keys put back into the cluster, file {} now holds {} keys",
					keysAdded, this.file.path(), inFile.keys().size());
		}
		return union;
	}

	/** Stops the periodic repair and the listeners; the maps stay. */
	@Override
	public void close() {
		this.repairs.shutdownNow();
		removeListeners();
	}

	private void removeListeners() {
		try {
			this.keys.removeEntryListener(this.keysListener);
			this.revocations.removeEntryListener(this.revocationsListener);
		}
		catch (RuntimeException ex) {
			// The member may already be shutting down; its listeners go with it.
			logger.debug("Could not remove the key ring listeners", ex);
		}
	}

	private void putKey(SigningKeyRecord key) {
		SigningKeyRecord existing = HazelcastCalls.call("add key " + key.kid(),
				() -> this.keys.putIfAbsent(key.kid(), key));
		if (existing != null && !existing.sameMaterialAs(key)) {
			throw new ConflictingKeyMaterialException(key.kid());
		}
	}

	private void mergeRevocation(KeyRevocation revocation) {
		HazelcastCalls.call("revoke key " + revocation.kid(),
				() -> this.revocations.executeOnKey(revocation.kid(), new KeepEarlierRevocation(revocation)));
	}

	private void repairQuietly() {
		try {
			repair();
		}
		catch (RuntimeException ex) {
			// Keep repairing: the next run may succeed once the cluster is back. A conflict needs an operator.
			logger.error("Key ring repair failed; retrying in the next interval", ex);
		}
	}

	private void changed() {
		for (Runnable listener : this.listeners) {
			try {
				listener.run();
			}
			catch (RuntimeException ex) {
				logger.warn("A key ring change listener failed", ex);
			}
		}
	}

	/** Hazelcast's entry events for both maps, folded into one "the ring changed". */
	private final class ChangeListener implements EntryAddedListener<String, Object>,
			EntryUpdatedListener<String, Object>, EntryMergedListener<String, Object> {

		@Override
		public void entryAdded(EntryEvent<String, Object> event) {
			changed();
		}

		@Override
		public void entryUpdated(EntryEvent<String, Object> event) {
			changed();
		}

		@Override
		public void entryMerged(EntryEvent<String, Object> event) {
			changed();
		}

	}

}
