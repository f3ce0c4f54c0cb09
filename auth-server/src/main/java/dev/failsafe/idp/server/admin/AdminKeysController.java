package dev.failsafe.idp.server.admin;

import java.time.Instant;
import java.util.List;

import dev.failsafe.idp.replication.keyring.SealedDataException;
import dev.failsafe.idp.replication.keyring.SigningAlgorithm;
import dev.failsafe.idp.server.keys.KeyRingService;
import dev.failsafe.idp.server.keys.KeyStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

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
 * {@code /admin/keys}: maps HTTP onto {@link KeyRingService} (list the ring with each key's derived
 * state, rotate (emergency), revoke, back up and restore). Never returns private material; a backup
 * stays sealed under the KEK.
 */
@RestController
@RequestMapping("/admin/keys")
final class AdminKeysController {

	private final KeyRingService keys;

	AdminKeysController(KeyRingService keys) {
		this.keys = keys;
	}

	/** One key as the admin API answers it; the state is derived now, never stored. */
	record KeyView(String kid, String algorithm, String state, Instant publishAt, Instant activateAt,
			Instant supersededAt, Instant revokedAt) {

		static KeyView of(KeyStatus key) {
			return new KeyView(key.kid(), key.algorithm().name(), key.state().name(), key.publishAt(), key.activateAt(),
					key.supersededAt(), key.revokedAt());
		}

	}

	/** An emergency rotation request; an unknown algorithm is a 400. */
	record RotateRequest(SigningAlgorithm algorithm, Boolean revokePrevious) {

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
		return new KeyList(this.keys.list().stream().map(KeyView::of).toList());
	}

	@PostMapping("/rotate")
	@ResponseStatus(HttpStatus.CREATED)
	KeyView rotate(@RequestBody(required = false) RotateRequest request, Authentication caller) {
		RotateRequest rotate = (request != null) ? request : new RotateRequest(null, false);
		SigningAlgorithm algorithm = (rotate.algorithm() != null) ? rotate.algorithm() : SigningAlgorithm.DEFAULT;
		return KeyView.of(this.keys.rotateNow(algorithm, rotate.revoking(), AdminAuditFilter.actor(caller)));
	}

	@PostMapping("/{kid}/revoke")
	KeyView revoke(@PathVariable String kid, Authentication caller) {
		return this.keys.revoke(kid, AdminAuditFilter.actor(caller))
			.map(KeyView::of)
			.orElseThrow(() -> new UnknownKeyException(kid));
	}

	@GetMapping("/backup")
	Backup backup(Authentication caller) {
		return new Backup(this.keys.backup(AdminAuditFilter.actor(caller)));
	}

	/**
	 * Puts a backup's keys and revocations back (a union: restoring twice changes nothing). Refused
	 * as a whole if any kid in it carries material different from the ring's.
	 */
	@PostMapping("/restore")
	RestoreResult restore(@Valid @RequestBody Backup backup, Authentication caller) {
		KeyRingService.Restored restored;
		try {
			restored = this.keys.restore(backup.backup().strip(), AdminAuditFilter.actor(caller));
		}
		catch (SealedDataException | IllegalArgumentException ex) {
			throw new UnreadableBackupException();
		}
		return new RestoreResult(restored.keysAdded(), restored.revocationsAdded());
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
