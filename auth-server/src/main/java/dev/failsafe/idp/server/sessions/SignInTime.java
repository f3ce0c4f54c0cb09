package dev.failsafe.idp.server.sessions;

import java.time.Instant;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * When a user last proved who they are: the latest authentication factor's time, which Spring
 * Security 7 records on every sign-in ({@link FactorGrantedAuthority}). The ID token's
 * {@code auth_time}, the login session an authorization records and the authorization endpoint's
 * {@code max_age} all read it here. Shared vocabulary: imports no feature.
 */
public final class SignInTime {

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

}
