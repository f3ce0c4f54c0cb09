package dev.failsafe.idp.replication.keyring;

/**
 * The replicated signing-key ring: a grow-only set of {@link SigningKeyRecord}s plus revocation
 * tombstones.
 *
 * <p>Every operation is a union, so implementations may lose or reorder updates and still converge
 * once the parts meet again (merge, repair from a member's local file, cold start). Nothing is ever
 * removed except by expiry of keys that {@link KeyLifecycle} already calls gone.
 */
public interface KeyRing {

	/** The whole ring as this member sees it now. */
	KeyRingSnapshot snapshot();

	/**
	 * Adds a key. Adding a record that is already there is a no-op.
	 * @throws ConflictingKeyMaterialException if the kid is present with other material, or is not the
	 * thumbprint of the record's public key
	 */
	void add(SigningKeyRecord key);

	/** Writes a tombstone; revoking twice keeps the earlier time. */
	void revoke(KeyRevocation revocation);

	/**
	 * Registers a callback run after this ring changed on any member (best effort: a missed event
	 * is made good by the periodic repair, and the signing rule converges regardless).
	 */
	void onChange(Runnable listener);

}
