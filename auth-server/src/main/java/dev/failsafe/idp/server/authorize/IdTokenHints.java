package dev.failsafe.idp.server.authorize;

import java.util.Optional;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Reads an {@code id_token_hint} (OIDC Core section 3.1.2.1): an ID token we signed (any published
 * key, expired or not: a hint is about who, not about access) and issued to the requesting client.
 * Answers whom it names, or nothing when it is not such a token.
 */
public final class IdTokenHints {

	private final JwtDecoder ourIdTokens;

	/** @param ourIdTokens verifies our signature and issuer, and nothing about time */
	public IdTokenHints(JwtDecoder ourIdTokens) {
		this.ourIdTokens = ourIdTokens;
	}

	/** The subject of {@code hint} if it is our ID token for {@code clientId}. */
	Optional<String> subject(String hint, String clientId) {
		try {
			Jwt token = this.ourIdTokens.decode(hint);
			if (token.getAudience() == null || !token.getAudience().contains(clientId) || token.getSubject() == null
					|| token.getHeaders().containsKey("typ")) {
				return Optional.empty();
			}
			return Optional.of(token.getSubject());
		}
		catch (JwtException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
