package dev.failsafe.idp.server.login;

import java.util.Set;

import dev.failsafe.idp.server.users.UserSessions;

import org.springframework.session.FindByIndexNameSessionRepository;

/**
 * Ends a user's login sessions through Spring Session's principal index, in the replicated session
 * store, so they end at every node and site. A store that cannot confirm the deletion throws
 * {@link dev.failsafe.idp.replication.StoreUnavailableException}.
 */
final class LoginSessions implements UserSessions {

	private final FindByIndexNameSessionRepository<?> sessions;

	LoginSessions(FindByIndexNameSessionRepository<?> sessions) {
		this.sessions = sessions;
	}

	@Override
	public int endAll(String username) {
		Set<String> ids = this.sessions.findByPrincipalName(username).keySet();
		ids.forEach(this.sessions::deleteById);
		return ids.size();
	}

}
