package dev.failsafe.idp.server.authorizations;

import dev.failsafe.idp.server.protocol.ProtocolErrors;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;

/**
 * Puts reuse detection around the refresh grant (RFC 9700 section 4.14.2): a refresh token that was
 * already rotated revokes its whole family and is answered with {@code invalid_grant}. That holds
 * also for a token used at the same moment as its first use: a request that loses to a concurrent
 * rotation (it lost the store's compare-and-set, or found the token retired between the check and
 * the grant's own lookup) fails with {@code invalid_grant}, and finding the token retired afterwards
 * is that reuse; the winner's tokens are revoked the same way. Only the refresh grant does this, so
 * introspecting or revoking an old token has no such effect.
 */
final class RefreshTokenReuseDetection implements AuthenticationProvider {

	private final AuthenticationProvider refreshGrant;

	private final StoredAuthorizationService authorizations;

	RefreshTokenReuseDetection(AuthenticationProvider refreshGrant, StoredAuthorizationService authorizations) {
		this.refreshGrant = refreshGrant;
		this.authorizations = authorizations;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String refreshToken = ((OAuth2RefreshTokenAuthenticationToken) authentication).getRefreshToken();
		if (this.authorizations.revokeFamilyIfRetired(refreshToken)) {
			throw ProtocolErrors.asException(ProtocolErrors.refreshTokenReused());
		}
		try {
			return this.refreshGrant.authenticate(authentication);
		}
		catch (OAuth2AuthenticationException ex) {
			if (OAuth2ErrorCodes.INVALID_GRANT.equals(ex.getError().getErrorCode())
					&& this.authorizations.revokeFamilyIfRetired(refreshToken)) {
				throw ProtocolErrors.asException(ProtocolErrors.refreshTokenReused());
			}
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.refreshGrant.supports(authentication);
	}

}
