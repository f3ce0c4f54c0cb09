package dev.failsafe.idp.replication.keyring;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A tombstone: the key {@code kid} is revoked from {@code revokedAt} on and never comes back.
 *
 * @param kid the revoked key
 * @param revokedAt when the revocation was written
 */
public record KeyRevocation(String kid, Instant revokedAt) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	public KeyRevocation {
		Objects.requireNonNull(kid, "kid");
		Objects.requireNonNull(revokedAt, "revokedAt");
	}

	/** Of two tombstones for one kid the earlier wins, so merging is order-independent. */
	public KeyRevocation earlierOf(KeyRevocation other) {
		return other.revokedAt.isBefore(this.revokedAt) ? other : this;
	}

}
