package dev.failsafe.idp.replication.authorization;

import java.io.Serial;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;

/**
 * The compare-and-set of {@link AuthorizationStore#replace}, run on the record's partition: it sets
 * {@code next} (with its time to live) only if the stored version is still the expected one, so of
 * concurrent replaces of one version exactly one wins. The backup replica runs the same check. The
 * map's principal index follows the value in the same operation, also when {@code next} names
 * another principal.
 */
final class ReplaceIfVersion implements EntryProcessor<String, AuthorizationRecord, Boolean> {

	@Serial
	private static final long serialVersionUID = 1L;

	private final long expectedVersion;

	private final AuthorizationRecord next;

	private final long ttlMillis;

	ReplaceIfVersion(long expectedVersion, AuthorizationRecord next, long ttlMillis) {
		this.expectedVersion = expectedVersion;
		this.next = next;
		this.ttlMillis = ttlMillis;
	}

	@Override
	public Boolean process(Map.Entry<String, AuthorizationRecord> entry) {
		AuthorizationRecord stored = entry.getValue();
		if (stored == null || stored.version() != this.expectedVersion
				|| this.next.version() != this.expectedVersion + 1) {
			return false;
		}
		// One operation on the partition: the value and its new expiry change together.
		((ExtendedMapEntry<String, AuthorizationRecord>) entry).setValue(this.next, this.ttlMillis,
				TimeUnit.MILLISECONDS);
		return true;
	}

}
