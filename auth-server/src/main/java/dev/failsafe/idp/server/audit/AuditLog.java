package dev.failsafe.idp.server.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: one structured log line per key change and admin action, on the logger
 * {@value #LOGGER_NAME} so operators can route it apart from application logs. Lines carry
 * key-value pairs ({@code audit.event}, {@code audit.subject}, ...), never secret material.
 */
public final class AuditLog {

	/** The logger every audit line is written to. */
	public static final String LOGGER_NAME = "audit";

	private static final Logger log = LoggerFactory.getLogger(LOGGER_NAME);

	/** A change to the signing key ring: creation, rotation, revocation, restore. */
	public void keyChange(String event, String kid, String detail) {
		log.atInfo()
			.addKeyValue("audit.event", event)
			.addKeyValue("audit.kid", kid)
			.addKeyValue("audit.detail", detail)
			.log("{} kid={} {}", event, kid, detail);
	}

	/** An administrative action, with who did it and how it ended. */
	public void adminAction(String event, String actor, String subject, String outcome) {
		log.atInfo()
			.addKeyValue("audit.event", event)
			.addKeyValue("audit.actor", actor)
			.addKeyValue("audit.subject", subject)
			.addKeyValue("audit.outcome", outcome)
			.log("{} actor={} subject={} outcome={}", event, actor, subject, outcome);
	}

}
