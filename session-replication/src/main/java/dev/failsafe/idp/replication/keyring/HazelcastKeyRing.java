package dev.failsafe.idp.replication.keyring;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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


/**
 * The key ring in two Hazelcast maps, backed by this member's {@link LocalRingFile}.
 *
 * <p>Open-source Hazelcast authenticates nobody: whoever reaches a member can read, write and delete
 * these maps. So the maps are only a channel, and this ring trusts nothing in them that does not
 * authenticate under its KEK ({@link RingEntryCodec}). Storage layout (asserted by a test):
 * <ul>
 * <li>{@value #KEYS_MAP}: {@code IMap<String, String>}, kid to the key's JSON with its MAC. Added
 * with {@code putIfAbsent}; an entry is replaced only when it does not authenticate (planted or
 * garbled), by this member's authentic copy.</li>
 * <li>{@value #REVOCATIONS_MAP}: {@code IMap<String, String>}, kid to the tombstone's JSON with its
 * MAC. Merged by compare-and-set ({@code putIfAbsent}, {@code replace(kid, old, new)}): an earlier
 * authentic tombstone stays, anything else is replaced.</li>
 * </ul>
 * Values are plain strings, so reading them runs no Java deserialization of ours.
 *
 * <p>{@link #snapshot()} is the union of this member's file (sealed under the KEK as a whole) and
 * the map entries that authenticate: an entry deleted from the maps is still known here, and a
 * planted one is never published, signed with or verified against. Each refused entry is logged
 * once with its kid and counted in {@value #REFUSED_METRIC} (tags {@code map}, {@code reason}); it
 * never reaches the file. Every add and revoke also goes into the file. {@link #repair()} puts the
 * union back into the maps (over any entry that does not authenticate) and the authentic map
 * entries into the file; it runs when the ring is created and then every repair interval, so a lost
 * update, a merge after a partition, a cold start and a tampered map all end in the same union.
 * Entry listeners on both maps (added, updated, merged) run the {@link #onChange} callbacks.
 */
public final class HazelcastKeyRing implements KeyRing, AutoCloseable {

	/** Kid to the key's JSON and MAC. */
	public static final String KEYS_MAP = "idp.keyring.entries.keys";

	/** Kid to the tombstone's JSON and MAC. */
	public static final String REVOCATIONS_MAP = "idp.keyring.entries.revocations";

	/** The counter of refused entries. */
	public static final String REFUSED_METRIC = "idp.keyring.refused";

	private static final Logger logger = LoggerFactory.getLogger(HazelcastKeyRing.class);

	private final IMap<Object, Object> keys;

	private final IMap<Object, Object> revocations;

	private final RingMaps maps;

	private final LocalRingFile file;

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	private final UUID keysListener;

	private final UUID revocationsListener;

	private final ScheduledExecutorService repairs;

	/**
	 * Opens the ring, repairs it once (failing if the file and the maps disagree on a kid's
	 * material), then repairs it every {@code repairInterval} until {@link #close()}.
	 */
	public HazelcastKeyRing(HazelcastInstance hazelcast, LocalRingFile file, RingEntryCodec codec,
			RefusedEntries refused, Duration repairInterval) {
		Objects.requireNonNull(hazelcast, "hazelcast");
		this.file = Objects.requireNonNull(file, "file");
		if (repairInterval.isNegative() || repairInterval.isZero()) {
			throw new IllegalArgumentException("repairInterval must be positive");
		}
		this.keys = hazelcast.getMap(KEYS_MAP);
		this.revocations = hazelcast.getMap(REVOCATIONS_MAP);
		this.maps = new RingMaps(this.keys, this.revocations, Objects.requireNonNull(codec, "codec"),
				Objects.requireNonNull(refused, "refused"));
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
		return this.file.read().union(this.maps.authenticKeys().values(), this.maps.authenticRevocations().values());
	}

	@Override
	public void add(SigningKeyRecord key) {
		if (!SigningKeyVault.kidMatchesMaterial(key)) {
			// The kid names other material than this record carries.
			throw new ConflictingKeyMaterialException(key.kid());
		}
		this.maps.putKey(key);
		this.file.merge(KeyRingSnapshot.of(List.of(key), List.of()));
	}

	@Override
	public void revoke(KeyRevocation revocation) {
		this.maps.mergeRevocation(revocation);
		this.file.merge(KeyRingSnapshot.of(List.of(), List.of(revocation)));
	}

	@Override
	public void onChange(Runnable listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener"));
	}

	/**
	 * Writes the union of the local file and the authentic map entries back into both; an entry that
	 * does not authenticate is overwritten by the authentic one of its kid, and a map that cannot be
	 * read at all is cleared and refilled.
	 * @return the union
	 * @throws ConflictingKeyMaterialException if the file and the maps hold different material for
	 * one kid
	 */
	public KeyRingSnapshot repair() {
		KeyRingSnapshot fromFile = this.file.read();
		Map<String, SigningKeyRecord> mapKeys = this.maps.authenticKeys();
		Map<String, KeyRevocation> mapRevocations = this.maps.authenticRevocations();
		KeyRingSnapshot fromMaps = KeyRingSnapshot.of(mapKeys.values(), mapRevocations.values());
		KeyRingSnapshot union = fromMaps.union(fromFile);
		int keysPut = 0;
		for (SigningKeyRecord key : union.keys().values()) {
			if (!mapKeys.containsKey(key.kid())) {
				this.maps.putKey(key);
				keysPut++;
			}
		}
		for (KeyRevocation revocation : union.revocations().values()) {
			if (!revocation.equals(mapRevocations.get(revocation.kid()))) {
				this.maps.mergeRevocation(revocation);
			}
		}
		KeyRingSnapshot inFile = this.file.merge(fromMaps);
		if (keysPut > 0 || !inFile.equals(fromFile)) {
			logger.info("Repaired the key ring: {} keys put back into the cluster, file {} now holds {} keys", keysPut,
					this.file.path(), inFile.keys().size());
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
	private final class ChangeListener implements EntryAddedListener<Object, Object>,
			EntryUpdatedListener<Object, Object>, EntryMergedListener<Object, Object> {

		@Override
		public void entryAdded(EntryEvent<Object, Object> event) {
			changed();
		}

		@Override
		public void entryUpdated(EntryEvent<Object, Object> event) {
			changed();
		}

		@Override
		public void entryMerged(EntryEvent<Object, Object> event) {
			changed();
		}

	}

}
