package dev.failsafe.idp.server.keys;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.hazelcast.core.HazelcastInstance;
import dev.failsafe.idp.replication.keyring.HazelcastKeyRing;
import dev.failsafe.idp.replication.keyring.KeyEncryptionKey;
import dev.failsafe.idp.replication.keyring.KeyLifecycle;
import dev.failsafe.idp.replication.keyring.KeyState;
import dev.failsafe.idp.replication.keyring.LocalRingFile;
import dev.failsafe.idp.replication.keyring.SigningKeyRecord;
import dev.failsafe.idp.replication.keyring.SigningKeyVault;
import dev.failsafe.idp.replication.hazelcast.HazelcastTestMembers;
import dev.failsafe.idp.server.audit.AuditLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Scheduled and emergency rotation over a real Hazelcast ring, time driven by a clock the test
 * moves: a successor is published ahead and signs on schedule, nodes that race agree on the signer,
 * and the retired key stays published for the retention and then leaves the JWKS.
 */
class KeyRotationTest {

	private static final KeyPolicyProperties POLICY = new KeyPolicyProperties(Duration.ofDays(30),
			Duration.ofHours(2), Duration.ofMinutes(15), Duration.ofMinutes(1));

	private static final Duration RETENTION = Duration.ofMinutes(6);

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private final AtomicReference<Instant> now = new AtomicReference<>(T0);

	private final Clock clock = new Clock() {
		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return KeyRotationTest.this.now.get();
		}
	};

	@TempDir
	Path dir;

	private HazelcastInstance hazelcast;

	private HazelcastKeyRing ring;

	private SigningKeyVault vault;

	@BeforeEach
	void ring() {
		KeyEncryptionKey kek = KeyEncryptionKey.generate();
		this.hazelcast = HazelcastTestMembers.standalone();
		this.ring = new HazelcastKeyRing(this.hazelcast, new LocalRingFile(this.dir.resolve("ring"), kek),
				Duration.ofMinutes(5));
		this.vault = new SigningKeyVault(kek);
	}

	@AfterEach
	void stop() {
		this.ring.close();
		this.hazelcast.shutdown();
	}

	@Test
	void rotateIfDueWhenIntervalMinusPublishAheadReachedThenSuccessorPublishedBeforeItSigns() {
		ActiveKeys keys = node();
		new SigningKeyBootstrap(keys, this.vault, new AuditLog()).afterSingletonsInstantiated();
		KeyRotation rotation = new KeyRotation(keys, this.vault, POLICY, new AuditLog());
		SigningKeyRecord first = keys.lifecycle().signer(keys.snapshot(), "RS256", T0).orElseThrow();

		this.now.set(T0.plus(Duration.ofDays(30)).minus(Duration.ofHours(2)).minusSeconds(1));
		assertThat(rotation.rotateIfDue()).isEmpty();

		this.now.set(T0.plus(Duration.ofDays(30)).minus(Duration.ofHours(2)));
		List<SigningKeyRecord> added = rotation.rotateIfDue();
		assertThat(added).extracting(SigningKeyRecord::algorithm).containsExactlyInAnyOrder("RS256", "ES256");
		SigningKeyRecord successor = added.stream().filter(key -> key.algorithm().equals("RS256")).findFirst().orElseThrow();
		assertThat(successor.activateAt()).isEqualTo(T0.plus(Duration.ofDays(30)));
		assertThat(published(keys)).contains(successor.kid(), first.kid());
		assertThat(keys.signer("RS256").orElseThrow().getKeyID()).isEqualTo(first.kid());
		assertThat(rotation.rotateIfDue()).as("a pending successor is not duplicated").isEmpty();

		this.now.set(successor.activateAt());
		assertThat(keys.signer("RS256").orElseThrow().getKeyID()).isEqualTo(successor.kid());
		assertThat(keys.lifecycle().state(first, keys.snapshot(), this.now.get())).isEqualTo(KeyState.RETIRING);
		assertThat(published(keys)).contains(first.kid());

		this.now.set(successor.activateAt().plus(RETENTION));
		assertThat(keys.lifecycle().state(first, keys.snapshot(), this.now.get())).isEqualTo(KeyState.GONE);
		assertThat(published(keys)).doesNotContain(first.kid()).contains(successor.kid());
	}

	@Test
	void rotateIfDueWhenTwoNodesRaceThenSameActivationAndOneSignerEverywhere() {
		ActiveKeys nodeA = node();
		ActiveKeys nodeB = node();
		new SigningKeyBootstrap(nodeA, this.vault, new AuditLog()).afterSingletonsInstantiated();
		KeyRotation rotationA = new KeyRotation(nodeA, this.vault, POLICY, new AuditLog());
		KeyRotation rotationB = new KeyRotation(nodeB, this.vault, POLICY, new AuditLog());

		this.now.set(T0.plus(Duration.ofDays(30)).minus(Duration.ofHours(1)));
		// Both decide before seeing the other's key: the race the design allows.
		nodeB.refresh();
		List<SigningKeyRecord> fromA = rotationA.rotateIfDue();
		List<SigningKeyRecord> fromB = new KeyRotation(staleView(), this.vault, POLICY, new AuditLog()).rotateIfDue();
		assertThat(fromA).hasSize(2);
		assertThat(fromB).hasSize(2);
		assertThat(fromA.get(0).activateAt()).isEqualTo(fromB.get(0).activateAt());

		this.now.set(T0.plus(Duration.ofDays(30)));
		nodeA.refresh();
		nodeB.refresh();
		for (String algorithm : List.of("RS256", "ES256")) {
			assertThat(nodeA.signer(algorithm).orElseThrow().getKeyID())
				.isEqualTo(nodeB.signer(algorithm).orElseThrow().getKeyID());
		}
		assertThat(rotationB.rotateIfDue()).isEmpty();
	}

	@Test
	void rotateNowWhenRevokingPreviousThenNewKeySignsAndOldKeyLeavesJwks() {
		ActiveKeys keys = node();
		new SigningKeyBootstrap(keys, this.vault, new AuditLog()).afterSingletonsInstantiated();
		KeyRotation rotation = new KeyRotation(keys, this.vault, POLICY, new AuditLog());
		String old = keys.signer("RS256").orElseThrow().getKeyID();
		this.now.set(T0.plusSeconds(60));

		SigningKeyRecord emergency = rotation.rotateNow("RS256", true, "test");
		assertThat(keys.signer("RS256").orElseThrow().getKeyID()).isEqualTo(emergency.kid());
		assertThat(published(keys)).contains(emergency.kid()).doesNotContain(old);
	}

	@Test
	void policyWhenPublishAheadNotLongerThanJwksCacheTimeThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new KeyPolicyProperties(Duration.ofDays(30),
				Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofMinutes(1)))
			.withMessageContaining("publish-ahead");
	}

	private ActiveKeys node() {
		return new ActiveKeys(this.ring, this.vault, new KeyLifecycle(RETENTION), this.clock);
	}

	/** A node whose view was read before the other node's rotation landed. */
	private ActiveKeys staleView() {
		var snapshotBefore = this.ring.snapshot().keys().values().stream()
			.filter(key -> !key.activateAt().isAfter(T0)).toList();
		return new ActiveKeys(new dev.failsafe.idp.replication.keyring.KeyRing() {
			@Override
			public dev.failsafe.idp.replication.keyring.KeyRingSnapshot snapshot() {
				return dev.failsafe.idp.replication.keyring.KeyRingSnapshot.of(snapshotBefore, List.of());
			}

			@Override
			public void add(SigningKeyRecord key) {
				KeyRotationTest.this.ring.add(key);
			}

			@Override
			public void revoke(dev.failsafe.idp.replication.keyring.KeyRevocation revocation) {
				KeyRotationTest.this.ring.revoke(revocation);
			}

			@Override
			public void onChange(Runnable listener) {
			}
		}, this.vault, new KeyLifecycle(RETENTION), this.clock);
	}

	private static List<String> published(ActiveKeys keys) {
		return keys.published().stream().map(key -> key.getKeyID()).toList();
	}

}
