package dev.failsafe.idp.server.tokens;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Refresh tokens with an absolute lifetime: the first of a family (from the code grant) lives the
 * client's refresh token lifetime ({@code idp.tokens.refresh-token-ttl}, or the shorter
 * {@code public-client-refresh-token-ttl} of a public client); each rotation's successor expires when
 * its predecessor would have, never later. So a family ends at most that long after the sign-in
 * that started it, however often it is refreshed, and the user signs in again.
 *
 * <p>Public clients get them too, when registered for the refresh grant (OAuth 2.0 for
 * Browser-Based Applications, section 6.1.3.2: rotated on every use, reuse detected, a bounded
 * lifetime); Spring's own generator refuses them. The value is 96 random bytes, base64url, as
 * Spring's.
 */
final class FamilyLifetimeRefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

	private final StringKeyGenerator values = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 96);

	private final Clock clock;

	FamilyLifetimeRefreshTokens(Clock clock) {
		this.clock = clock;
	}

	@Override
	public OAuth2RefreshToken generate(OAuth2TokenContext context) {
		if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())) {
			return null;
		}
		Instant issuedAt = this.clock.instant();
		Instant expiresAt = issuedAt.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive());
		if (AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType())) {
			OAuth2Authorization.Token<OAuth2RefreshToken> predecessor = (context.getAuthorization() != null)
					? context.getAuthorization().getRefreshToken() : null;
			Instant familyEnd = (predecessor != null) ? predecessor.getToken().getExpiresAt() : null;
			if (familyEnd != null && expiresAt.isAfter(familyEnd)) {
				expiresAt = familyEnd;
			}
		}
		return new OAuth2RefreshToken(this.values.generateKey(), issuedAt, expiresAt);
	}

}
