package dev.failsafe.idp.server.authorizations;

import dev.failsafe.idp.server.web.ProtocolErrors;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;

/**
 * Puts reuse detection in front of the refresh grant (RFC 9700 section 4.14.2): a refresh token
 * that was already rotated revokes its whole family and is answered with {@code invalid_grant}.
 * Only the refresh grant does this, so introspecting or revoking an old token has no such effect.
 */
public final class RefreshTokenReuseDetection implements AuthenticationProvider {

	private final AuthenticationProvider refreshGrant;

	private final StoredAuthorizationService authorizations;

	public RefreshTokenReuseDetection(AuthenticationProvider refreshGrant, StoredAuthorizationService authorizations) {
		this.refreshGrant = refreshGrant;
		this.authorizations = authorizations;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2RefreshTokenAuthenticationToken refresh = (OAuth2RefreshTokenAuthenticationToken) authentication;
		if (this.authorizations.revokeFamilyIfRetired(refresh.getRefreshToken())) {
			throw ProtocolErrors.asException(ProtocolErrors.refreshTokenReused());
		}
		return this.refreshGrant.authenticate(authentication);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.refreshGrant.supports(authentication);
	}

}
