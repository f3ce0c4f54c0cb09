package dev.failsafe.idp.replication.keyring;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One signing key of the ring, immutable once written.
 *
 * <p>The {@code kid} is the RFC 7638 thumbprint of the public key, so one kid can never name two
 * key materials. The private half is only ever held sealed under the key-encryption key
 * ({@link KeyEncryptionKey#seal}). The lifecycle (published, signing, retiring, gone) is never
 * stored: {@link KeyLifecycle} derives it from {@code publishAt}, {@code activateAt}, the other
 * keys and the revocations.
 *
 * @param kid RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key
 * @param algorithm the JWS algorithm the key signs with
 * @param publicJwk the public JWK as JSON, kid included
 * @param sealedPrivateJwk the private JWK sealed with AES-GCM under the KEK, base64url
 * @param publishAt from when the key is in the JWKS
 * @param activateAt from when the key may sign (not before {@code publishAt})
 */
public record SigningKeyRecord(String kid, SigningAlgorithm algorithm, String publicJwk, String sealedPrivateJwk,
		Instant publishAt, Instant activateAt) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	public SigningKeyRecord {
		Objects.requireNonNull(kid, "kid");
		Objects.requireNonNull(algorithm, "algorithm");
		Objects.requireNonNull(publicJwk, "publicJwk");
		Objects.requireNonNull(sealedPrivateJwk, "sealedPrivateJwk");
		Objects.requireNonNull(publishAt, "publishAt");
		Objects.requireNonNull(activateAt, "activateAt");
		if (activateAt.isBefore(publishAt)) {
			throw new IllegalArgumentException("activateAt must not be before publishAt for " + kid);
		}
	}

	/**
	 * Two records with one kid must be the same record: same public material and same times, or the
	 * ring is corrupt. The sealed private part is left out, since sealing uses a fresh IV each time.
	 */
	public boolean sameMaterialAs(SigningKeyRecord other) {
		return this.kid.equals(other.kid) && this.publicJwk.equals(other.publicJwk)
				&& this.algorithm.equals(other.algorithm) && this.publishAt.equals(other.publishAt)
				&& this.activateAt.equals(other.activateAt);
	}

	@Override
	public String toString() {
		// Never print the sealed material, even though it is encrypted.
		return "SigningKeyRecord[kid=" + this.kid + ", algorithm=" + this.algorithm + ", publishAt="
				+ this.publishAt + ", activateAt=" + this.activateAt + "]";
	}

}
