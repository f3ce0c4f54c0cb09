package dev.failsafe.idp.server.sessions;

import java.time.Instant;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * When a user last proved who they are: the latest authentication factor's time, which Spring
 * Security 7 records on every sign-in ({@link FactorGrantedAuthority}). The ID token's
 * {@code auth_time}, the login session an authorization records and the authorization endpoint's
 * {@code max_age} all read it here. Shared vocabulary: imports no feature.
 */
public final class SignInTime {

	/**
	 * The authorization attribute holding the login session that approved an OpenID Connect code
	 * (Spring's {@code SessionInformation}, named by its class): its last request is the sign-in time.
	 */
	public static final String AUTHORIZATION_ATTRIBUTE = SessionInformation.class.getName();

	private SignInTime() {
	}

	/**
	 * The time, or null when there is no authentication or it carries no factor with a time (not a
	 * user's sign-in).
	 */
	public static Instant of(Authentication user) {
		if (user == null) {
			return null;
		}
		Instant latest = null;
		for (GrantedAuthority authority : user.getAuthorities()) {
			if (authority instanceof FactorGrantedAuthority factor && factor.getIssuedAt() != null
					&& (latest == null || factor.getIssuedAt().isAfter(latest))) {
				latest = factor.getIssuedAt();
			}
		}
		return latest;
	}

	/**
	 * The sign-in time of the login session recorded in {@code authorization} under
	 * {@link #AUTHORIZATION_ATTRIBUTE}, or null when none is recorded.
	 */
	public static Instant recordedIn(OAuth2Authorization authorization) {
		return (authorization != null
				&& authorization.getAttribute(AUTHORIZATION_ATTRIBUTE) instanceof SessionInformation session)
						? session.getLastRequest().toInstant() : null;
	}

}
