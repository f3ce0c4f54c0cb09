package dev.failsafe.idp.server.admin;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import dev.failsafe.idp.replication.keyring.KeyLifecycle;
import dev.failsafe.idp.replication.keyring.KeyRevocation;
import dev.failsafe.idp.replication.keyring.KeyRing;
import dev.failsafe.idp.replication.keyring.KeyRingBackup;
import dev.failsafe.idp.replication.keyring.KeyRingSnapshot;
import dev.failsafe.idp.replication.keyring.SealedDataException;
import dev.failsafe.idp.replication.keyring.SigningKeyRecord;
import dev.failsafe.idp.server.audit.AuditLog;
import dev.failsafe.idp.server.keys.ActiveKeys;
import dev.failsafe.idp.server.keys.KeyRotation;
import dev.failsafe.idp.server.keys.SigningKeyBootstrap;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/keys}: list the ring with each key's derived state, rotate (emergency), revoke,
 * back up and restore. Never returns private material; a backup stays sealed under the KEK.
 */
@RestController
@RequestMapping("/admin/keys")
final class AdminKeysController {

	private final ActiveKeys keys;

	private final KeyRotation rotation;

	private final KeyRing ring;

	private final KeyRingBackup backups;

	private final AuditLog audit;

	AdminKeysController(ActiveKeys keys, KeyRotation rotation, KeyRing ring, KeyRingBackup backups, AuditLog audit) {
		this.keys = keys;
		this.rotation = rotation;
		this.ring = ring;
		this.backups = backups;
		this.audit = audit;
	}

	/** One key as operators see it; the state is derived now, never stored. */
	record KeyView(String kid, String algorithm, String state, Instant publishAt, Instant activateAt,
			Instant supersededAt, Instant revokedAt) {
	}

	/** An emergency rotation request. */
	record RotateRequest(@Pattern(regexp = "RS256|ES256") String algorithm, Boolean revokePrevious) {

		boolean revoking() {
			return Boolean.TRUE.equals(this.revokePrevious);
		}

	}

	/** The ring, oldest activation first. */
	record KeyList(List<KeyView> keys) {
	}

	record Backup(@NotBlank String backup) {
	}

	record RestoreResult(int keysAdded, int revocationsAdded) {
	}

	@GetMapping
	KeyList list() {
		this.keys.refresh();
		KeyRingSnapshot snapshot = this.keys.snapshot();
		Instant now = this.keys.now();
		return snapshot.keys()
			.values()
			.stream()
			.sorted(Comparator.comparing(SigningKeyRecord::activateAt).thenComparing(SigningKeyRecord::kid))
			.map(key -> view(key, snapshot, now))
			.collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), KeyList::new));
	}

	@PostMapping("/rotate")
	@ResponseStatus(HttpStatus.CREATED)
	KeyView rotate(@Valid @RequestBody(required = false) RotateRequest request, Authentication caller) {
		RotateRequest rotate = (request != null) ? request : new RotateRequest(null, false);
		String algorithm = (rotate.algorithm() != null) ? rotate.algorithm() : SigningKeyBootstrap.ALGORITHMS.get(0);
		SigningKeyRecord key = this.rotation.rotateNow(algorithm, rotate.revoking(),
				AdminAuditFilter.actor(caller));
		return view(key, this.keys.snapshot(), this.keys.now());
	}

	@PostMapping("/{kid}/revoke")
	KeyView revoke(@PathVariable String kid, Authentication caller) {
		SigningKeyRecord key = this.keys.snapshot().key(kid).orElseThrow(() -> new UnknownKeyException(kid));
		this.rotation.revoke(kid, AdminAuditFilter.actor(caller));
		return view(key, this.keys.snapshot(), this.keys.now());
	}

	@GetMapping("/backup")
	Backup backup(Authentication caller) {
		this.keys.refresh();
		KeyRingSnapshot snapshot = this.keys.snapshot();
		this.audit.keyChange("keyring.backup", "*", "keys=" + snapshot.keys().size() + " actor="
				+ AdminAuditFilter.actor(caller));
		return new Backup(this.backups.seal(snapshot));
	}

	/**
	 * Puts a backup's keys and revocations back (a union: restoring twice changes nothing). Refused
	 * as a whole if any kid in it carries material different from the ring's.
	 */
	@PostMapping("/restore")
	RestoreResult restore(@Valid @RequestBody Backup backup, Authentication caller) {
		KeyRingSnapshot restored;
		try {
			restored = this.backups.open(backup.backup());
		}
		catch (SealedDataException | IllegalArgumentException ex) {
			throw new UnreadableBackupException();
		}
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
		this.audit.keyChange("keyring.restored", "*", "keysAdded=" + keysAdded + " revocationsAdded="
				+ revocationsAdded + " actor=" + AdminAuditFilter.actor(caller));
		return new RestoreResult(keysAdded, revocationsAdded);
	}

	private KeyView view(SigningKeyRecord key, KeyRingSnapshot snapshot, Instant now) {
		KeyLifecycle lifecycle = this.keys.lifecycle();
		KeyRevocation revocation = snapshot.revocations().get(key.kid());
		return new KeyView(key.kid(), key.algorithm(), lifecycle.state(key, snapshot, now).name(), key.publishAt(),
				key.activateAt(), lifecycle.supersededAt(key, snapshot, now).orElse(null),
				(revocation != null) ? revocation.revokedAt() : null);
	}

	/** The backup was altered, sealed under another KEK, or is no backup at all. */
	static final class UnreadableBackupException extends RuntimeException {

		private static final long serialVersionUID = 1L;

	}

	/** No key with this kid is in the ring. */
	static final class UnknownKeyException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UnknownKeyException(String kid) {
			super("No key with kid " + kid + " is in the ring.");
		}

	}

}
