package dev.failsafe.idp.server.logout;

import dev.failsafe.idp.server.sessions.SessionIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.session.PrincipalNameIndexResolver;
import org.springframework.session.Session;
import org.springframework.session.events.SessionExpiredEvent;

/**
 * A sign-in session that expires ({@code spring.session.timeout} without a request) ends like a
 * logout ({@link SessionLogout#endSession}): its relying parties are told and its authorizations
 * revoked. Spring Session publishes the expiry at every node (Redis keyspace notifications, or the
 * Hazelcast map's listener), so each node may act on it: the deliveries are one per relying party
 * and session however often scheduled, and a revocation repeated is a no-op. A store failure is
 * logged; the revocation then happens when the authorizations expire.
 */
final class ExpiredSessionLogout {

	private static final Logger log = LoggerFactory.getLogger(ExpiredSessionLogout.class);

	private final SessionLogout sessionLogout;

	private final PrincipalNameIndexResolver<Session> principals = new PrincipalNameIndexResolver<>();

	ExpiredSessionLogout(SessionLogout sessionLogout) {
		this.sessionLogout = sessionLogout;
	}

	@EventListener
	void sessionExpired(SessionExpiredEvent event) {
		Session session = event.getSession();
		if (session == null) {
			return;
		}
		String username = this.principals.resolveIndexValueFor(session);
		SessionIds.of(session.<Object>getAttribute(SessionIds.ATTRIBUTE)).ifPresent(sid -> {
			if (username == null) {
				return;
			}
			try {
				this.sessionLogout.endSession(username, sid);
			}
			catch (RuntimeException ex) {
				log.atWarn()
					.addKeyValue("user.name", username)
					.log("Could not end the expired session's authorizations: {}", ex.getMessage());
			}
		});
	}

}
