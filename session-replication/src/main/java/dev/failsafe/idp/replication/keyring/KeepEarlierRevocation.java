package dev.failsafe.idp.replication.keyring;

import java.io.Serial;
import java.util.Map;

import com.hazelcast.map.EntryProcessor;

/**
 * Merges a tombstone into the revocation map on the key's partition, atomically: the earlier
 * revocation stays, so concurrent and repeated revokes converge whatever their order.
 */
final class KeepEarlierRevocation implements EntryProcessor<String, KeyRevocation, KeyRevocation> {

	@Serial
	private static final long serialVersionUID = 1L;

	private final KeyRevocation revocation;

	KeepEarlierRevocation(KeyRevocation revocation) {
		this.revocation = revocation;
	}

	@Override
	public KeyRevocation process(Map.Entry<String, KeyRevocation> entry) {
		KeyRevocation stored = entry.getValue();
		KeyRevocation merged = (stored != null) ? stored.earlierOf(this.revocation) : this.revocation;
		if (!merged.equals(stored)) {
			entry.setValue(merged);
		}
		return merged;
	}

}
