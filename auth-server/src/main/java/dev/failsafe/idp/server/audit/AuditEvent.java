package dev.failsafe.idp.server.audit;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import static dev.failsafe.idp.server.audit.AuditField.ACTIVATE_AT;
import static dev.failsafe.idp.server.audit.AuditField.ACTOR;
import static dev.failsafe.idp.server.audit.AuditField.ALGORITHM;
import static dev.failsafe.idp.server.audit.AuditField.KEYS;
import static dev.failsafe.idp.server.audit.AuditField.KEYS_ADDED;
import static dev.failsafe.idp.server.audit.AuditField.KID;
import static dev.failsafe.idp.server.audit.AuditField.OUTCOME;
import static dev.failsafe.idp.server.audit.AuditField.REASON;
import static dev.failsafe.idp.server.audit.AuditField.REVOCATIONS_ADDED;
import static dev.failsafe.idp.server.audit.AuditField.SUBJECT;
import static dev.failsafe.idp.server.audit.AuditField.SUCCEEDS;

/**
 * Every kind of audit line, with its name ({@code audit.event}) and the fields it must carry. A line
 * is an {@link AuditEntry}: this event plus values for exactly those fields.
 */
public enum AuditEvent {

	/** A key created because an algorithm had no signer (first start). */
	KEY_CREATED("key.created", KID, ALGORITHM, REASON),

	/** A scheduled successor, published now and signing later. */
	KEY_SCHEDULED("key.scheduled", KID, ALGORITHM, ACTIVATE_AT, SUCCEEDS),

	/** An emergency rotation: a key that signs at once. */
	KEY_EMERGENCY_ROTATED("key.emergency-rotated", KID, ALGORITHM, ACTOR),

	/** A revocation. */
	KEY_REVOKED("key.revoked", KID, ACTOR),

	/** A backup of the ring handed to an operator. */
	KEYRING_BACKUP("keyring.backup", KEYS, ACTOR),

	/** A backup restored into the ring (a union). */
	KEYRING_RESTORED("keyring.restored", KEYS_ADDED, REVOCATIONS_ADDED, ACTOR),

	/** An admin API call answered, by method. */
	ADMIN_GET("admin.get", ACTOR, SUBJECT, OUTCOME),

	ADMIN_POST("admin.post", ACTOR, SUBJECT, OUTCOME),

	ADMIN_PUT("admin.put", ACTOR, SUBJECT, OUTCOME),

	ADMIN_PATCH("admin.patch", ACTOR, SUBJECT, OUTCOME),

	ADMIN_DELETE("admin.delete", ACTOR, SUBJECT, OUTCOME),

	/** An admin API call with any other method. */
	ADMIN_OTHER("admin.other", ACTOR, SUBJECT, OUTCOME);

	private final String eventName;

	private final Set<AuditField> fields;

	AuditEvent(String eventName, AuditField... fields) {
		this.eventName = eventName;
		this.fields = Set.copyOf(EnumSet.of(fields[0], fields));
	}

	/** The value of {@code audit.event}, e.g. {@code key.revoked}. */
	public String eventName() {
		return this.eventName;
	}

	/** The fields a line of this event carries, no more and no fewer. */
	public Set<AuditField> fields() {
		return this.fields;
	}

	/** The event of an admin API call with this HTTP method. */
	public static AuditEvent adminCall(String method) {
		return switch (method.toUpperCase(Locale.ROOT)) {
			case "GET" -> ADMIN_GET;
			case "POST" -> ADMIN_POST;
			case "PUT" -> ADMIN_PUT;
			case "PATCH" -> ADMIN_PATCH;
			case "DELETE" -> ADMIN_DELETE;
			default -> ADMIN_OTHER;
		};
	}

}
