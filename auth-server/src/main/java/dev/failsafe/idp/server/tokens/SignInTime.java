package dev.failsafe.idp.server.tokens;

import java.time.Instant;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * When a user last proved who they are: the latest authentication factor's time, which Spring
 * Security 7 records on every sign-in ({@link FactorGrantedAuthority}). The ID token's
 * {@code auth_time} and the authorization endpoint's {@code max_age} both read it here.
 */
public final class SignInTime {

	private SignInTime() {
	}

	/** The time, or null when the authentication carries no factor (not a user's sign-in). */
	public static Instant of(Authentication user) {
		Instant latest = null;
		for (GrantedAuthority authority : user.getAuthorities()) {
			if (authority instanceof FactorGrantedAuthority factor
					&& (latest == null || factor.getIssuedAt().isAfter(latest))) {
				latest = factor.getIssuedAt();
			}
		}
		return latest;
	}

}
