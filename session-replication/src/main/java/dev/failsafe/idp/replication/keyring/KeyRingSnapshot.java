package dev.failsafe.idp.replication.keyring;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable view of the ring: keys by kid and revocations by kid. {@link #union} is the one
 * operation that merges, repairs and reloads.
 */
public record KeyRingSnapshot(Map<String, SigningKeyRecord> keys, Map<String, KeyRevocation> revocations) {

	public static final KeyRingSnapshot EMPTY = new KeyRingSnapshot(Map.of(), Map.of());

	public KeyRingSnapshot {
		keys = Map.copyOf(keys);
		revocations = Map.copyOf(revocations);
	}

	public static KeyRingSnapshot of(Collection<SigningKeyRecord> keys, Collection<KeyRevocation> revocations) {
		return EMPTY.union(keys, revocations);
	}

	public Optional<SigningKeyRecord> key(String kid) {
		return Optional.ofNullable(this.keys.get(kid));
	}

	public boolean isRevoked(String kid) {
		return this.revocations.containsKey(kid);
	}

	public KeyRingSnapshot union(KeyRingSnapshot other) {
		return union(other.keys.values(), other.revocations.values());
	}

	/**
	 * The set union of both rings.
	 * @throws ConflictingKeyMaterialException if one kid carries two materials
	 */
	public KeyRingSnapshot union(Collection<SigningKeyRecord> moreKeys, Collection<KeyRevocation> moreRevocations) {
		Map<String, SigningKeyRecord> mergedKeys = new HashMap<>(this.keys);
		for (SigningKeyRecord key : moreKeys) {
			SigningKeyRecord existing = mergedKeys.putIfAbsent(key.kid(), key);
			if (existing != null && !existing.sameMaterialAs(key)) {
				throw new ConflictingKeyMaterialException(key.kid());
			}
		}
		Map<String, KeyRevocation> mergedRevocations = new HashMap<>(this.revocations);
		for (KeyRevocation revocation : moreRevocations) {
			mergedRevocations.merge(revocation.kid(), revocation, KeyRevocation::earlierOf);
		}
		return new KeyRingSnapshot(mergedKeys, mergedRevocations);
	}

}
