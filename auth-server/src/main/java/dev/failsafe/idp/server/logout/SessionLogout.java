package dev.failsafe.idp.server.logout;

import java.util.List;
import java.util.Optional;

import dev.failsafe.idp.server.authorizations.SessionGrants;
import dev.failsafe.idp.server.backchannel.BackChannelLogout;
import dev.failsafe.idp.server.sessions.SessionIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;

/**
 * What ending a user's sign-in session means beyond the session itself: every relying party that
 * holds tokens from it is told (a back-channel logout delivery, durably scheduled:
 * {@link BackChannelLogout}), then every authorization issued in it is revoked (codes, access and
 * refresh tokens; {@link SessionGrants}). In that order, so a relying party is never left out: if the
 * store fails in between, the caller is told to try again and the repeat tells and revokes again (a
 * delivery already pending is not doubled).
 *
 * <p>As a {@link LogoutHandler} it runs before the HTTP session is invalidated, for the session of
 * the request's user: on our logout confirmation and on Spring's {@code /logout}. Session expiry and
 * an operator's revocation come through {@link #endSession} and {@link #tell}.
 */
public final class SessionLogout implements LogoutHandler {

	private static final Logger log = LoggerFactory.getLogger(SessionLogout.class);

	private final SessionGrants grants;

	private final BackChannelLogout backChannel;

	SessionLogout(SessionGrants grants, BackChannelLogout backChannel) {
		this.grants = grants;
		this.backChannel = backChannel;
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()) {
			return;
		}
		HttpSession session = request.getSession(false);
		Optional<String> sid = SessionIds.of(authentication)
			.or(() -> (session != null) ? SessionIds.of(session.getAttribute(SessionIds.ATTRIBUTE)) : Optional.empty());
		sid.ifPresent(id -> endSession(authentication.getName(), id));
	}

	/**
	 * Tells the relying parties of {@code username}'s session {@code sid} and revokes what was issued
	 * in it; returns how many authorizations it revoked.
	 */
	int endSession(String username, String sid) {
		List<SessionGrants.Grant> issued = this.grants.in(username, sid);
		int told = tell(issued);
		this.grants.revoke(issued);
		log.atInfo()
			.addKeyValue("user.name", username)
			.addKeyValue("backchannel_logout.relying_parties", told)
			.addKeyValue("user.authorizations_revoked", issued.size())
			.log("Session ended: {} relying parties told, {} authorizations revoked", told, issued.size());
		return issued.size();
	}

	/**
	 * Schedules a back-channel logout for each relying party holding tokens among {@code issued}, one
	 * per session; returns how many will be told.
	 */
	int tell(List<SessionGrants.Grant> issued) {
		return this.backChannel.schedule(issued.stream()
			.filter(SessionGrants.Grant::tokensIssued)
			.map(grant -> new BackChannelLogout.Notice(grant.clientId(), grant.subject(), grant.sessionId()))
			.toList());
	}

	/** Tells the relying parties of every session of {@code username}; returns how many will be told. */
	int tellAll(String username) {
		return tell(this.grants.of(username));
	}

}
