package dev.failsafe.idp.server.tokens;

import java.time.Instant;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Refresh tokens with an absolute lifetime: the first of a family (from the code grant) lives
 * {@code idp.tokens.refresh-token-ttl}; each rotation's successor expires when its predecessor would
 * have, never later. So a family ends at most that long after the sign-in that started it, however
 * often it is refreshed, and the user signs in again.
 */
final class FamilyLifetimeRefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

	private final OAuth2RefreshTokenGenerator generator = new OAuth2RefreshTokenGenerator();

	@Override
	public OAuth2RefreshToken generate(OAuth2TokenContext context) {
		OAuth2RefreshToken generated = this.generator.generate(context);
		if (generated == null || !AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType())) {
			return generated;
		}
		OAuth2Authorization.Token<OAuth2RefreshToken> predecessor = (context.getAuthorization() != null)
				? context.getAuthorization().getRefreshToken() : null;
		if (predecessor == null || predecessor.getToken().getExpiresAt() == null) {
			return generated;
		}
		Instant familyEnd = predecessor.getToken().getExpiresAt();
		return generated.getExpiresAt().isAfter(familyEnd)
				? new OAuth2RefreshToken(generated.getTokenValue(), generated.getIssuedAt(), familyEnd) : generated;
	}

}
