package dev.failsafe.idp.replication.keyring;

import java.util.Locale;

/** Why the ring refused an entry it found in the cluster; the {@code reason} tag of its metric. */
public enum RefusalReason {

	/** Not a ring entry: not text, not JSON, or missing a field. */
	MALFORMED,

	/** Carries no MAC (written by a version before entries were authenticated, or by an intruder). */
	UNAUTHENTICATED,

	/** Its MAC does not match: altered, or written without this ring's key-encryption key. */
	BAD_MAC,

	/** Its kid is not the thumbprint of its public key, or not the kid it is stored under. */
	KID_MISMATCH,

	/** The map could not be read at all (a value Hazelcast refused to deserialize). */
	UNREADABLE;

	/** The metric tag and log value: lower case, words joined by {@code -}. */
	public String tag() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
