package dev.failsafe.idp.replication.keyring;

/** Where a key stands in its lifecycle; always derived by {@link KeyLifecycle}, never stored. */
public enum KeyState {

	/** Created, but its {@code publishAt} is still in the future. */
	PENDING,

	/** In the JWKS so partners can cache it; not yet signing. */
	PUBLISHED,

	/** The key that signs new tokens for its algorithm. */
	SIGNING,

	/** Superseded by a newer key; still in the JWKS until the tokens it signed have expired. */
	RETIRING,

	/** Retired for longer than the retention: no longer published. */
	GONE,

	/** Revoked by an operator: never published or used again. */
	REVOKED

}
