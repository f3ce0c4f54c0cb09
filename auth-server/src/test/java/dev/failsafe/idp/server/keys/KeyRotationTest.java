package dev.failsafe.idp.server.keys;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.failsafe.idp.replication.keyring.HazelcastKeyRing;
import dev.failsafe.idp.replication.keyring.KeyEncryptionKey;
import dev.failsafe.idp.replication.keyring.KeyLifecycle;
import dev.failsafe.idp.replication.keyring.KeyRevocation;
import dev.failsafe.idp.replication.keyring.KeyRing;
import dev.failsafe.idp.replication.keyring.KeyRingBackup;
import dev.failsafe.idp.replication.keyring.KeyRingSnapshot;
import dev.failsafe.idp.replication.keyring.KeyState;
import dev.failsafe.idp.replication.keyring.RefusedEntries;
import dev.failsafe.idp.replication.keyring.RingEntryCodec;
import dev.failsafe.idp.replication.keyring.SigningAlgorithm;
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

	private KeyEncryptionKey kek;

	@BeforeEach
	void ring() {
		this.kek = KeyEncryptionKey.generate();
		this.hazelcast = HazelcastTestMembers.standalone();
		this.ring = new HazelcastKeyRing(this.hazelcast, new LocalRingFile(this.dir.resolve("ring"), this.kek),
				new RingEntryCodec(this.kek), new RefusedEntries(new SimpleMeterRegistry()), Duration.ofMinutes(5));
		this.vault = new SigningKeyVault(this.kek);
	}

	@AfterEach
	void stop() {
		this.ring.close();
		this.hazelcast.shutdown();
	}

	@Test
	void rotateIfDueWhenIntervalMinusPublishAheadReachedThenSuccessorPublishedBeforeItSigns() {
		ActiveKeys keys = node();
		KeyRingService rotation = service(keys, this.ring);
		new SigningKeyBootstrap(rotation).afterSingletonsInstantiated();
		SigningKeyRecord first = LIFECYCLE.signer(keys.snapshot(), SigningAlgorithm.RS256, T0).orElseThrow();
		PublishedKeySet jwks = new PublishedKeySet(keys, this.clock);
		PublishedKeySet.Document alone = jwks.current();

		this.now.set(T0.plus(Duration.ofDays(30)).minus(Duration.ofHours(2)).minusSeconds(1));
		assertThat(rotation.rotateIfDue()).isEmpty();

		this.now.set(T0.plus(Duration.ofDays(30)).minus(Duration.ofHours(2)));
		List<SigningKeyRecord> added = rotation.rotateIfDue();
		assertThat(added).extracting(SigningKeyRecord::algorithm)
			.containsExactlyInAnyOrder(SigningAlgorithm.RS256, SigningAlgorithm.ES256);
		SigningKeyRecord successor = added.stream()
			.filter(key -> key.algorithm() == SigningAlgorithm.RS256)
			.findFirst()
			.orElseThrow();
		assertThat(successor.activateAt()).isEqualTo(T0.plus(Duration.ofDays(30)));
		assertThat(published(keys)).contains(successor.kid(), first.kid());
		assertThat(signer(keys, SigningAlgorithm.RS256)).isEqualTo(first.kid());
		assertThat(rotation.rotateIfDue()).as("a pending successor is not duplicated").isEmpty();
		PublishedKeySet.Document withSuccessor = jwks.current();
		assertThat(withSuccessor.kids()).containsAll(published(keys));
		assertThat(withSuccessor.etag()).isNotEqualTo(alone.etag());

		this.now.set(successor.activateAt());
		assertThat(signer(keys, SigningAlgorithm.RS256)).isEqualTo(successor.kid());
		assertThat(LIFECYCLE.state(first, keys.snapshot(), this.now.get())).isEqualTo(KeyState.RETIRING);
		assertThat(published(keys)).contains(first.kid());
		assertThat(jwks.current()).as("the same keys: the same bytes").isSameAs(withSuccessor);

		this.now.set(successor.activateAt().plus(RETENTION));
		assertThat(LIFECYCLE.state(first, keys.snapshot(), this.now.get())).isEqualTo(KeyState.GONE);
		assertThat(published(keys)).doesNotContain(first.kid()).contains(successor.kid());
		assertThat(jwks.current().kids()).as("a key leaving by time alone").doesNotContain(first.kid());
		assertThat(jwks.current().etag()).isNotEqualTo(withSuccessor.etag());
	}

	@Test
	void rotateIfDueWhenTwoNodesRaceThenSameActivationAndOneSignerEverywhere() {
		ActiveKeys nodeA = node();
		ActiveKeys nodeB = node();
		KeyRingService rotationA = service(nodeA, this.ring);
		KeyRingService rotationB = service(nodeB, this.ring);
		new SigningKeyBootstrap(rotationA).afterSingletonsInstantiated();

		this.now.set(T0.plus(Duration.ofDays(30)).minus(Duration.ofHours(1)));
		// Both decide before seeing the other's key: the race the design allows.
		nodeB.refresh();
		List<SigningKeyRecord> fromA = rotationA.rotateIfDue();
		KeyRing stale = staleRing();
		List<SigningKeyRecord> fromB = service(new ActiveKeys(stale, this.vault, LIFECYCLE), stale).rotateIfDue();
		assertThat(fromA).hasSize(2);
		assertThat(fromB).hasSize(2);
		assertThat(fromA.get(0).activateAt()).isEqualTo(fromB.get(0).activateAt());

		this.now.set(T0.plus(Duration.ofDays(30)));
		nodeA.refresh();
		nodeB.refresh();
		for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
			assertThat(signer(nodeA, algorithm)).isEqualTo(signer(nodeB, algorithm));
		}
		assertThat(rotationB.rotateIfDue()).isEmpty();
	}

	@Test
	void rotateNowWhenRevokingPreviousThenNewKeySignsAndOldKeyLeavesJwks() {
		ActiveKeys keys = node();
		KeyRingService rotation = service(keys, this.ring);
		new SigningKeyBootstrap(rotation).afterSingletonsInstantiated();
		String old = signer(keys, SigningAlgorithm.RS256);
		this.now.set(T0.plusSeconds(60));

		KeyStatus emergency = rotation.rotateNow(SigningAlgorithm.RS256, true, "test");
		assertThat(signer(keys, SigningAlgorithm.RS256)).isEqualTo(emergency.kid());
		assertThat(published(keys)).contains(emergency.kid()).doesNotContain(old);
	}

	@Test
	void policyWhenPublishAheadNotLongerThanJwksCacheTimeThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new KeyPolicyProperties(Duration.ofDays(30),
				Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofMinutes(1)))
			.withMessageContaining("publish-ahead");
	}

	private static final KeyLifecycle LIFECYCLE = new KeyLifecycle(RETENTION);

	private ActiveKeys node() {
		return new ActiveKeys(this.ring, this.vault, LIFECYCLE);
	}

	private KeyRingService service(ActiveKeys keys, KeyRing ring) {
		return new KeyRingService(ring, keys, this.vault, LIFECYCLE, POLICY, new KeyRingBackup(this.kek), new AuditLog(),
				this.clock);
	}

	private String signer(ActiveKeys keys, SigningAlgorithm algorithm) {
		return keys.signer(algorithm, this.now.get()).orElseThrow().getKeyID();
	}

	/** A ring whose view was read before the other node's rotation landed; its writes reach the real ring. */
	private KeyRing staleRing() {
		var snapshotBefore = this.ring.snapshot().keys().values().stream()
			.filter(key -> !key.activateAt().isAfter(T0)).toList();
		return new KeyRing() {
			@Override
			public KeyRingSnapshot snapshot() {
				return KeyRingSnapshot.of(snapshotBefore, List.of());
			}

			@Override
			public void add(SigningKeyRecord key) {
				KeyRotationTest.this.ring.add(key);
			}

			@Override
			public void revoke(KeyRevocation revocation) {
				KeyRotationTest.this.ring.revoke(revocation);
			}

			@Override
			public void onChange(Runnable listener) {
			}
		};
	}

	private List<String> published(ActiveKeys keys) {
		return keys.published(this.now.get()).stream().map(key -> key.getKeyID()).toList();
	}

}
