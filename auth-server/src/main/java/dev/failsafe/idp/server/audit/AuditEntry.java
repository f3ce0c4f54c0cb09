package dev.failsafe.idp.server.audit;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One audit line as a value: its event and a value for each of the event's fields, checked when
 * {@link AuditLog#write written}. Build with {@code AuditEntry.of(event).with(field, value)...}.
 *
 * @param event what happened
 * @param fields the values, by field
 */
public record AuditEntry(AuditEvent event, Map<AuditField, String> fields) {

	public AuditEntry {
		Objects.requireNonNull(event, "event");
		Map<AuditField, String> copy = new EnumMap<>(AuditField.class);
		copy.putAll(fields);
		fields = Collections.unmodifiableMap(copy);
	}

	public static AuditEntry of(AuditEvent event) {
		return new AuditEntry(event, new EnumMap<>(AuditField.class));
	}

	/** A copy with {@code field} set to {@code value} (its string form). */
	public AuditEntry with(AuditField field, Object value) {
		Map<AuditField, String> more = new EnumMap<>(AuditField.class);
		more.putAll(this.fields);
		more.put(field, String.valueOf(value));
		return new AuditEntry(this.event, more);
	}

	/**
	 * @throws IllegalArgumentException unless exactly the event's fields are set
	 */
	AuditEntry requireComplete() {
		if (!this.fields.keySet().equals(this.event.fields())) {
			throw new IllegalArgumentException(
					"An audit line " + this.event.eventName() + " carries " + this.event.fields() + ", not " + this.fields.keySet());
		}
		return this;
	}

}
