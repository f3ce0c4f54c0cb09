package dev.failsafe.idp.server.keys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.failsafe.idp.replication.keyring.KeyRevocation;
import dev.failsafe.idp.replication.keyring.KeyRingSnapshot;
import dev.failsafe.idp.replication.keyring.SigningKeyRecord;
import dev.failsafe.idp.replication.keyring.SigningKeyVault;
import dev.failsafe.idp.server.audit.AuditLog;

/**
 * Adds keys to the ring: scheduled successors, emergency keys, and revocations.
 *
 * <p>Scheduled rotation needs no coordination. Every node checks periodically; when the newest key of
 * an algorithm has signed for {@code rotation-interval - publish-ahead}, a successor is added that is
 * published now and activates at {@code newest.activateAt + rotation-interval}. Nodes that race
 * compute the same activation time, so they add at most duplicates of one step, and the lifecycle
 * rule (ties broken by kid) picks one signer everywhere.
 */
public final class KeyRotation {

	private final ActiveKeys keys;

	private final SigningKeyVault vault;

	private final KeyPolicyProperties policy;

	private final AuditLog audit;

	public KeyRotation(ActiveKeys keys, SigningKeyVault vault, KeyPolicyProperties policy, AuditLog audit) {
		this.keys = keys;
		this.vault = vault;
		this.policy = policy;
		this.audit = audit;
	}

	/** Adds each algorithm's scheduled successor if it is due; returns the keys added. */
	public List<SigningKeyRecord> rotateIfDue() {
		this.keys.refresh();
		Instant now = this.keys.now();
		List<SigningKeyRecord> added = new ArrayList<>();
		for (String algorithm : SigningKeyBootstrap.ALGORITHMS) {
			newest(this.keys.snapshot(), algorithm).filter(newest -> !newest.activateAt().isAfter(now))
				.filter(newest -> !now.isBefore(newest.activateAt()
					.plus(this.policy.rotationInterval())
					.minus(this.policy.publishAhead())))
				.ifPresent(newest -> {
					Instant activateAt = latest(newest.activateAt().plus(this.policy.rotationInterval()),
							now.plus(this.policy.publishAhead()));
					SigningKeyRecord successor = this.vault.generate(algorithm, now, activateAt);
					this.keys.add(successor);
					this.audit.keyChange("key.scheduled", successor.kid(),
							"algorithm=" + algorithm + " activateAt=" + activateAt + " succeeds=" + newest.kid());
					added.add(successor);
				});
		}
		return added;
	}

	/**
	 * Emergency rotation: a new key that signs at once. Partners that cached the JWKS fetch it on
	 * the first unknown kid. With {@code revokePrevious}, the key that signed until now is revoked:
	 * tokens it signed stop verifying everywhere.
	 */
	public SigningKeyRecord rotateNow(String algorithm, boolean revokePrevious, String actor) {
		Instant now = this.keys.now();
		Optional<SigningKeyRecord> previous = this.keys.lifecycle().signer(this.keys.snapshot(), algorithm, now);
		SigningKeyRecord key = this.vault.generate(algorithm, now, now);
		this.keys.add(key);
		this.audit.keyChange("key.emergency-rotated", key.kid(), "algorithm=" + algorithm + " actor=" + actor);
		if (revokePrevious) {
			previous.ifPresent(old -> revoke(old.kid(), actor));
		}
		return key;
	}

	/** Revokes a key for good: it leaves the JWKS and its tokens stop verifying. */
	public KeyRevocation revoke(String kid, String actor) {
		KeyRevocation revocation = new KeyRevocation(kid, this.keys.now());
		this.keys.revoke(revocation);
		this.audit.keyChange("key.revoked", kid, "actor=" + actor);
		return revocation;
	}

	private Optional<SigningKeyRecord> newest(KeyRingSnapshot ring, String algorithm) {
		return ring.keys()
			.values()
			.stream()
			.filter(key -> key.algorithm().equals(algorithm))
			.filter(key -> !ring.isRevoked(key.kid()))
			.max(Comparator.comparing(SigningKeyRecord::activateAt).thenComparing(SigningKeyRecord::kid));
	}

	private static Instant latest(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

}
