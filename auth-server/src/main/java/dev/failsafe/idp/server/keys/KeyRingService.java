package dev.failsafe.idp.server.keys;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.failsafe.idp.replication.keyring.KeyLifecycle;
import dev.failsafe.idp.replication.keyring.KeyRevocation;
import dev.failsafe.idp.replication.keyring.KeyRing;
import dev.failsafe.idp.replication.keyring.KeyRingBackup;
import dev.failsafe.idp.replication.keyring.KeyRingSnapshot;
import dev.failsafe.idp.replication.keyring.SealedDataException;
import dev.failsafe.idp.replication.keyring.SigningAlgorithm;
import dev.failsafe.idp.replication.keyring.SigningKeyRecord;
import dev.failsafe.idp.replication.keyring.SigningKeyVault;
import dev.failsafe.idp.server.audit.AuditEntry;
import dev.failsafe.idp.server.audit.AuditEvent;
import dev.failsafe.idp.server.audit.AuditField;
import dev.failsafe.idp.server.audit.AuditLog;

/**
 * Every operation on the ring, and the one way into it: views, first keys, scheduled and emergency
 * rotation, revocation, backup and restore by union. Each write goes to the {@link KeyRing}, then
 * refreshes this node's {@link ActiveKeys}, then writes its audit line.
 *
 * <p>Scheduled rotation needs no coordination. Every node checks periodically; when the newest key of
 * an algorithm has signed for {@code rotation-interval - publish-ahead}, a successor is added that is
 * published now and activates at {@code newest.activateAt + rotation-interval}. Nodes that race
 * compute the same activation time, so they add at most duplicates of one step, and the lifecycle
 * rule (ties broken by kid) picks one signer everywhere. A key created because an algorithm has no
 * signer (a first start) signs at once: no partner can have cached an older JWKS.
 */
public final class KeyRingService {

	private final KeyRing ring;

	private final ActiveKeys keys;

	private final SigningKeyVault vault;

	private final KeyLifecycle lifecycle;

	private final KeyPolicyProperties policy;

	private final KeyRingBackup backups;

	private final AuditLog audit;

	private final Clock clock;

	public KeyRingService(KeyRing ring, ActiveKeys keys, SigningKeyVault vault, KeyLifecycle lifecycle,
			KeyPolicyProperties policy, KeyRingBackup backups, AuditLog audit, Clock clock) {
		this.ring = ring;
		this.keys = keys;
		this.vault = vault;
		this.lifecycle = lifecycle;
		this.policy = policy;
		this.backups = backups;
		this.audit = audit;
		this.clock = clock;
	}

	/** Every key of the ring, read now, oldest activation first. */
	public List<KeyStatus> list() {
		this.keys.refresh();
		KeyRingSnapshot ring = this.keys.snapshot();
		Instant now = this.clock.instant();
		return this.lifecycle.all(ring).stream().map((key) -> status(key, ring, now)).toList();
	}

	/** Adds a key that signs at once for every algorithm that has no signer now. */
	public List<SigningKeyRecord> ensureSigners() {
		this.keys.refresh();
		Instant now = this.clock.instant();
		List<SigningKeyRecord> added = new ArrayList<>();
		for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
			if (this.lifecycle.signer(this.keys.snapshot(), algorithm, now).isEmpty()) {
				SigningKeyRecord key = this.vault.generate(algorithm, now, now);
				add(key, AuditEntry.of(AuditEvent.KEY_CREATED)
					.with(AuditField.KID, key.kid())
					.with(AuditField.ALGORITHM, algorithm)
					.with(AuditField.REASON, "no-active-signer"));
				added.add(key);
			}
		}
		return added;
	}

	/** Adds each algorithm's scheduled successor if it is due; returns the keys added. */
	public List<SigningKeyRecord> rotateIfDue() {
		this.keys.refresh();
		Instant now = this.clock.instant();
		List<SigningKeyRecord> added = new ArrayList<>();
		for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
			this.lifecycle.newest(this.keys.snapshot(), algorithm)
				.filter(newest -> !newest.activateAt().isAfter(now))
				.filter(newest -> !now.isBefore(newest.activateAt()
					.plus(this.policy.rotationInterval())
					.minus(this.policy.publishAhead())))
				.ifPresent(newest -> {
					Instant activateAt = latest(newest.activateAt().plus(this.policy.rotationInterval()),
							now.plus(this.policy.publishAhead()));
					SigningKeyRecord successor = this.vault.generate(algorithm, now, activateAt);
					add(successor, AuditEntry.of(AuditEvent.KEY_SCHEDULED)
						.with(AuditField.KID, successor.kid())
						.with(AuditField.ALGORITHM, algorithm)
						.with(AuditField.ACTIVATE_AT, activateAt)
						.with(AuditField.SUCCEEDS, newest.kid()));
					added.add(successor);
				});
		}
		return added;
	}

	/**
	 * Emergency rotation: a new key that signs at once. Partners that cached the JWKS fetch it on
	 * the first unknown kid. With {@code revokePrevious}, the key that signed until now is revoked.
	 */
	public KeyStatus rotateNow(SigningAlgorithm algorithm, boolean revokePrevious, String actor) {
		this.keys.refresh();
		Instant now = this.clock.instant();
		Optional<SigningKeyRecord> previous = this.lifecycle.signer(this.keys.snapshot(), algorithm, now);
		SigningKeyRecord key = this.vault.generate(algorithm, now, now);
		add(key, AuditEntry.of(AuditEvent.KEY_EMERGENCY_ROTATED)
			.with(AuditField.KID, key.kid())
			.with(AuditField.ALGORITHM, algorithm)
			.with(AuditField.ACTOR, actor));
		if (revokePrevious) {
			previous.ifPresent(old -> revoke(old.kid(), actor));
		}
		return status(key, this.keys.snapshot(), this.clock.instant());
	}

	/**
	 * Revokes a key for good: it leaves the JWKS and this provider stops trusting its tokens.
	 * @return the key as it is now, or empty if the ring holds no such kid
	 */
	public Optional<KeyStatus> revoke(String kid, String actor) {
		this.keys.refresh();
		Optional<SigningKeyRecord> key = this.keys.snapshot().key(kid);
		key.ifPresent((found) -> {
			this.ring.revoke(new KeyRevocation(kid, this.clock.instant()));
			this.keys.refresh();
			this.audit.write(AuditEntry.of(AuditEvent.KEY_REVOKED).with(AuditField.KID, kid).with(AuditField.ACTOR, actor));
		});
		return key.map((found) -> status(found, this.keys.snapshot(), this.clock.instant()));
	}

	/** The whole ring sealed under the KEK, for an operator to keep. */
	public String backup(String actor) {
		this.keys.refresh();
		KeyRingSnapshot ring = this.keys.snapshot();
		this.audit.write(AuditEntry.of(AuditEvent.KEYRING_BACKUP)
			.with(AuditField.KEYS, ring.keys().size())
			.with(AuditField.ACTOR, actor));
		return this.backups.seal(ring);
	}

	/**
	 * Puts a backup's keys and revocations back (a union: restoring twice changes nothing). Refused
	 * as a whole if any kid in it carries material different from the ring's.
	 * @throws SealedDataException if the backup was altered or sealed under another KEK
	 * @throws IllegalArgumentException if it holds no ring
	 * @throws dev.failsafe.idp.replication.keyring.ConflictingKeyMaterialException if a kid's material differs
	 */
	public Restored restore(String backup, String actor) {
		KeyRingSnapshot restored = this.backups.open(backup);
		this.keys.refresh();
		KeyRingSnapshot before = this.keys.snapshot();
		before.union(restored);
		int keysAdded = 0;
		for (SigningKeyRecord key : restored.keys().values()) {
			if (before.key(key.kid()).isEmpty()) {
				this.ring.add(key);
				keysAdded++;
			}
		}
		int revocationsAdded = 0;
		for (KeyRevocation revocation : restored.revocations().values()) {
			if (!before.isRevoked(revocation.kid())) {
				this.ring.revoke(revocation);
				revocationsAdded++;
			}
		}
		this.keys.refresh();
		this.audit.write(AuditEntry.of(AuditEvent.KEYRING_RESTORED)
			.with(AuditField.KEYS_ADDED, keysAdded)
			.with(AuditField.REVOCATIONS_ADDED, revocationsAdded)
			.with(AuditField.ACTOR, actor));
		return new Restored(keysAdded, revocationsAdded);
	}

	/**
	 * @param keysAdded keys the backup held that the ring lacked
	 * @param revocationsAdded revocations the backup held that the ring lacked
	 */
	public record Restored(int keysAdded, int revocationsAdded) {
	}

	private void add(SigningKeyRecord key, AuditEntry entry) {
		this.ring.add(key);
		this.keys.refresh();
		this.audit.write(entry);
	}

	private KeyStatus status(SigningKeyRecord key, KeyRingSnapshot ring, Instant now) {
		KeyRevocation revocation = ring.revocations().get(key.kid());
		return new KeyStatus(key.kid(), key.algorithm(), this.lifecycle.state(key, ring, now), key.publishAt(),
				key.activateAt(), this.lifecycle.supersededAt(key, ring, now).orElse(null),
				(revocation != null) ? revocation.revokedAt() : null);
	}

	private static Instant latest(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

}
