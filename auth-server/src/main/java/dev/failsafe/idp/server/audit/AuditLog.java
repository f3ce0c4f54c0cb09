package dev.failsafe.idp.server.audit;

import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The audit trail: one structured log line per key change and admin action, on the logger
 * {@value #LOGGER_NAME} so operators can route it apart from application logs. A line is an
 * {@link AuditEntry}: {@code audit.event} plus {@code audit.<field>} for each field its
 * {@link AuditEvent} requires, and a message repeating them ({@code key.revoked kid=... actor=...}).
 * Never secret material.
 */
public final class AuditLog {

	/** The logger every audit line is written to. */
	public static final String LOGGER_NAME = "audit";

	private static final Logger log = LoggerFactory.getLogger(LOGGER_NAME);

	/**
	 * @throws IllegalArgumentException unless the entry carries exactly its event's fields
	 */
	public void write(AuditEntry entry) {
		entry.requireComplete();
		LoggingEventBuilder line = log.atInfo().addKeyValue("audit.event", entry.event().eventName());
		for (Map.Entry<AuditField, String> field : entry.fields().entrySet()) {
			line = line.addKeyValue("audit." + field.getKey().fieldName(), field.getValue());
		}
		String text = entry.fields()
			.entrySet()
			.stream()
			.map((field) -> field.getKey().fieldName() + "=" + field.getValue())
			.collect(Collectors.joining(" "));
		line.log("{} {}", entry.event().eventName(), text);
	}

}
