package dev.failsafe.idp.server.logout;

import dev.failsafe.idp.server.users.UserGrants;

/**
 * A user's grants as a security event revokes them (an operator disables, deletes or signs out a
 * user, or sets a new password): first every relying party holding tokens from any of the user's
 * sessions is told through back-channel logout (durably scheduled), then the authorizations are
 * revoked ({@code delegate}).
 */
final class BackChannelUserGrants implements UserGrants {

	private final UserGrants delegate;

	private final SessionLogout sessionLogout;

	BackChannelUserGrants(UserGrants delegate, SessionLogout sessionLogout) {
		this.delegate = delegate;
		this.sessionLogout = sessionLogout;
	}

	@Override
	public int revokeAll(String username) {
		this.sessionLogout.tellAll(username);
		return this.delegate.revokeAll(username);
	}

	@Override
	public void forgetConsents(String username) {
		this.delegate.forgetConsents(username);
	}

}
