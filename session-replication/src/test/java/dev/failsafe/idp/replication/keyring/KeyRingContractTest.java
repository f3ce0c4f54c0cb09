package dev.failsafe.idp.replication.keyring;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The behaviour every {@link KeyRing} must have. An implementation's test extends this class and
 * supplies the ring; tests add fresh keys, so the ring may be shared and need not start empty.
 */
public abstract class KeyRingContractTest {

	/** The ring under test. */
	protected abstract KeyRing ring();

	/** How long a change may take to reach {@link KeyRing#onChange} listeners. */
	protected Duration changeDeadline() {
		return Duration.ofSeconds(10);
	}

	@Test
	void addWhenNewKeyThenInSnapshot() {
		SigningKeyRecord key = SigningKeyFixtures.activeKey();
		ring().add(key);
		assertThat(ring().snapshot().key(key.kid())).contains(key);
	}

	@Test
	void addWhenSameKeyTwiceThenIdempotent() {
		SigningKeyRecord key = SigningKeyFixtures.activeKey();
		ring().add(key);
		ring().add(key);
		assertThat(ring().snapshot().key(key.kid())).contains(key);
	}

	@Test
	void addWhenKidHoldsOtherMaterialThenRefusedAndOriginalKept() {
		SigningKeyRecord key = SigningKeyFixtures.activeKey();
		ring().add(key);
		SigningKeyRecord impostor = SigningKeyFixtures.impostorOf(key);
		assertThatExceptionOfType(ConflictingKeyMaterialException.class).isThrownBy(() -> ring().add(impostor));
		assertThat(ring().snapshot().key(key.kid())).hasValueSatisfying((kept) -> assertThat(kept.publicJwk())
			.isEqualTo(key.publicJwk()));
	}

	@Test
	void revokeWhenRevokedThenSnapshotSaysRevoked() {
		SigningKeyRecord key = SigningKeyFixtures.activeKey();
		ring().add(key);
		ring().revoke(new KeyRevocation(key.kid(), Instant.now()));
		assertThat(ring().snapshot().isRevoked(key.kid())).isTrue();
	}

	@Test
	void revokeWhenLaterThenEarlierThenEarlierWins() {
		SigningKeyRecord key = SigningKeyFixtures.activeKey();
		Instant earlier = Instant.parse("2030-01-01T00:00:00Z");
		ring().revoke(new KeyRevocation(key.kid(), earlier.plusSeconds(60)));
		ring().revoke(new KeyRevocation(key.kid(), earlier));
		assertThat(ring().snapshot().revocations().get(key.kid())).isEqualTo(new KeyRevocation(key.kid(), earlier));
	}

	@Test
	void revokeWhenEarlierThenLaterThenEarlierStays() {
		SigningKeyRecord key = SigningKeyFixtures.activeKey();
		Instant earlier = Instant.parse("2030-01-01T00:00:00Z");
		ring().revoke(new KeyRevocation(key.kid(), earlier));
		ring().revoke(new KeyRevocation(key.kid(), earlier.plusSeconds(60)));
		assertThat(ring().snapshot().revocations().get(key.kid())).isEqualTo(new KeyRevocation(key.kid(), earlier));
	}

	@Test
	void onChangeWhenKeyAddedThenListenerRuns() {
		AtomicInteger changes = new AtomicInteger();
		ring().onChange(changes::incrementAndGet);
		ring().add(SigningKeyFixtures.activeKey());
		await().atMost(changeDeadline()).untilAsserted(() -> assertThat(changes).hasPositiveValue());
	}

	@Test
	void onChangeWhenKeyRevokedThenListenerRuns() {
		SigningKeyRecord key = SigningKeyFixtures.activeKey();
		ring().add(key);
		AtomicInteger changes = new AtomicInteger();
		ring().onChange(changes::incrementAndGet);
		ring().revoke(new KeyRevocation(key.kid(), Instant.now()));
		await().atMost(changeDeadline()).untilAsserted(() -> assertThat(changes).hasPositiveValue());
	}

}
