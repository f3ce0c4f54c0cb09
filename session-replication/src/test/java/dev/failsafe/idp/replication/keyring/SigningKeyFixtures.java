package dev.failsafe.idp.replication.keyring;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Signing keys for tests: real material (so kids are real thumbprints) under a throwaway KEK. */
public final class SigningKeyFixtures {

	private static final SigningKeyVault vault = new SigningKeyVault(KeyEncryptionKey.generate());

	private SigningKeyFixtures() {
	}

	/** A new ES256 key, published and active from now. */
	public static SigningKeyRecord activeKey() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		return vault.generate(SigningAlgorithm.ES256, now, now);
	}

	/** A record claiming {@code key}'s kid but carrying another key's material. */
	public static SigningKeyRecord impostorOf(SigningKeyRecord key) {
		SigningKeyRecord other = activeKey();
		return new SigningKeyRecord(key.kid(), key.algorithm(), other.publicJwk(), other.sealedPrivateJwk(),
				key.publishAt(), key.activateAt());
	}

	/** A record without real material, for rules that only look at kids and times. */
	public static SigningKeyRecord record(String kid, SigningAlgorithm algorithm, Instant publishAt, Instant activateAt) {
		return new SigningKeyRecord(kid, algorithm, "{\"kid\":\"" + kid + "\"}", "sealed-" + kid, publishAt,
				activateAt);
	}

	/** A ring over {@code hazelcast} that trusts entries authenticated under {@code kek}; the caller closes it. */
	public static HazelcastKeyRing ring(HazelcastInstance hazelcast, LocalRingFile file, KeyEncryptionKey kek,
			Duration repairInterval) {
		return new HazelcastKeyRing(hazelcast, file, new RingEntryCodec(kek), new RefusedEntries(new SimpleMeterRegistry()),
				repairInterval);
	}

}
