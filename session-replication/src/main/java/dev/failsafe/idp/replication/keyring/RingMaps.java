package dev.failsafe.idp.replication.keyring;

import java.util.HashMap;
import java.util.Map;

import com.hazelcast.map.IMap;

import dev.failsafe.idp.replication.StoreUnavailableException;
import dev.failsafe.idp.replication.hazelcast.HazelcastCalls;

/**
 * The ring's two Hazelcast maps as what they are: a channel anyone on the member port may write to.
 * Reads keep only the entries that authenticate ({@link RingEntryCodec}) and report the others to
 * {@link RefusedEntries}; writes put this member's authentic entry in, over any entry of that kid
 * that does not authenticate. The layout is {@link HazelcastKeyRing}'s.
 */
final class RingMaps {

	private static final int REVOKE_ATTEMPTS = 16;

	private final IMap<Object, Object> keys;

	private final IMap<Object, Object> revocations;

	private final RingEntryCodec codec;

	private final RefusedEntries refused;

	RingMaps(IMap<Object, Object> keys, IMap<Object, Object> revocations, RingEntryCodec codec, RefusedEntries refused) {
		this.keys = keys;
		this.revocations = revocations;
		this.codec = codec;
		this.refused = refused;
	}

	Map<String, SigningKeyRecord> authenticKeys() {
		Map<String, SigningKeyRecord> authentic = new HashMap<>();
		for (Map.Entry<Object, Object> entry : entries(this.keys, HazelcastKeyRing.KEYS_MAP).entrySet()) {
			switch (this.codec.key(entry.getKey(), entry.getValue())) {
				case RingEntryCodec.Authentic<SigningKeyRecord>(SigningKeyRecord key) -> authentic.put(key.kid(), key);
				case RingEntryCodec.Refused<SigningKeyRecord>(String kid, RefusalReason reason) ->
					this.refused.report(HazelcastKeyRing.KEYS_MAP, kid, reason, entry.getValue());
			}
		}
		return authentic;
	}

	Map<String, KeyRevocation> authenticRevocations() {
		Map<String, KeyRevocation> authentic = new HashMap<>();
		for (Map.Entry<Object, Object> entry : entries(this.revocations, HazelcastKeyRing.REVOCATIONS_MAP).entrySet()) {
			switch (this.codec.revocation(entry.getKey(), entry.getValue())) {
				case RingEntryCodec.Authentic<KeyRevocation>(KeyRevocation revocation) ->
					authentic.put(revocation.kid(), revocation);
				case RingEntryCodec.Refused<KeyRevocation>(String kid, RefusalReason reason) ->
					this.refused.report(HazelcastKeyRing.REVOCATIONS_MAP, kid, reason, entry.getValue());
			}
		}
		return authentic;
	}

	/**
	 * The map's entries; a map holding an entry Hazelcast refuses to deserialize (an unknown or
	 * forbidden class) reads as empty, is reported, and is cleared so the next repair refills it.
	 */
	private Map<Object, Object> entries(IMap<Object, Object> map, String name) {
		try {
			Map<Object, Object> entries = new HashMap<>();
			HazelcastCalls.call("read the key ring", () -> {
				map.entrySet().forEach((entry) -> entries.put(entry.getKey(), entry.getValue()));
				return null;
			});
			return entries;
		}
		catch (StoreUnavailableException ex) {
			if (!isUnreadable(ex)) {
				throw ex;
			}
			this.refused.report(name, "*", RefusalReason.UNREADABLE, ex.getCause().getClass().getName());
			HazelcastCalls.run("clear the unreadable map " + name, map::clear);
			return Map.of();
		}
	}

	private static boolean isUnreadable(StoreUnavailableException ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof com.hazelcast.nio.serialization.HazelcastSerializationException
					|| cause instanceof SecurityException || cause instanceof ClassCastException) {
				return true;
			}
		}
		return false;
	}

	void putKey(SigningKeyRecord key) {
		String value = this.codec.encode(key);
		Object existing = HazelcastCalls.call("add key " + key.kid(), () -> this.keys.putIfAbsent(key.kid(), value));
		if (existing == null) {
			return;
		}
		switch (this.codec.key(key.kid(), existing)) {
			case RingEntryCodec.Authentic<SigningKeyRecord>(SigningKeyRecord stored) -> {
				if (!stored.sameMaterialAs(key)) {
					throw new ConflictingKeyMaterialException(key.kid());
				}
			}
			case RingEntryCodec.Refused<SigningKeyRecord>(String kid, RefusalReason reason) -> {
				this.refused.report(HazelcastKeyRing.KEYS_MAP, kid, reason, existing);
				HazelcastCalls.run("put back key " + kid, () -> this.keys.set(kid, value));
			}
		}
	}

	/** Compare-and-set until the map holds an authentic tombstone no later than ours. */
	void mergeRevocation(KeyRevocation revocation) {
		String kid = revocation.kid();
		String value = this.codec.encode(revocation);
		for (int attempt = 0; attempt < REVOKE_ATTEMPTS; attempt++) {
			Object stored = HazelcastCalls.call("revoke key " + kid, () -> this.revocations.putIfAbsent(kid, value));
			if (stored == null) {
				return;
			}
			switch (this.codec.revocation(kid, stored)) {
				case RingEntryCodec.Authentic<KeyRevocation>(KeyRevocation existing) -> {
					if (!revocation.revokedAt().isBefore(existing.revokedAt())) {
						return;
					}
				}
				case RingEntryCodec.Refused<KeyRevocation>(String refusedKid, RefusalReason reason) ->
					this.refused.report(HazelcastKeyRing.REVOCATIONS_MAP, refusedKid, reason, stored);
			}
			if (HazelcastCalls.call("revoke key " + kid, () -> this.revocations.replace(kid, stored, value))) {
				return;
			}
		}
		throw new StoreUnavailableException("Hazelcast could not revoke key " + kid + ": it kept changing", null);
	}

}
