package dev.failsafe.idp.server.audit;

/** A field of an audit line, written as the key-value pair {@code audit.<name>}. */
public enum AuditField {

	/** The key concerned. */
	KID("kid"),

	/** Its signing algorithm. */
	ALGORITHM("algorithm"),

	/** When it starts signing. */
	ACTIVATE_AT("activateAt"),

	/** The key a scheduled successor follows. */
	SUCCEEDS("succeeds"),

	/** Why the change was made without an operator. */
	REASON("reason"),

	/** Who acted: the admin token's client (and user), or {@code anonymous}. */
	ACTOR("actor"),

	/** What was acted on: the admin API path. */
	SUBJECT("subject"),

	/** How it ended: the HTTP status. */
	OUTCOME("outcome"),

	/** How many keys a backup holds. */
	KEYS("keys"),

	/** How many keys a restore added. */
	KEYS_ADDED("keysAdded"),

	/** How many revocations a restore added. */
	REVOCATIONS_ADDED("revocationsAdded");

	private final String name;

	AuditField(String name) {
		this.name = name;
	}

	/** The name in the line, e.g. {@code kid}; the key-value pair is {@code audit.kid}. */
	public String fieldName() {
		return this.name;
	}

}
