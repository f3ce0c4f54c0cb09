package dev.failsafe.idp.server.logout;

import java.util.List;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.failsafe.idp.replication.keyring.SigningAlgorithm;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;

/**
 * Verifies an {@code id_token_hint}: signed by a key this provider publishes, issued by it, an ID
 * token (no {@code typ}, or {@code JWT}: not an access or logout token) with a subject and an
 * audience. An expired ID token is accepted (RP-Initiated Logout 1.0 section 2: the hint is usually
 * old); a token whose key has left the JWKS is not.
 */
final class IdTokenHints {

	private final NimbusJwtDecoder decoder;

	IdTokenHints(JWKSource<SecurityContext> keys, String issuer) {
		this.decoder = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithms(algorithms -> {
			for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
				algorithms.add(SignatureAlgorithm.from(algorithm.name()));
			}
		}).build();
		this.decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtIssuerValidator(issuer),
				IdTokenHints::isIdToken));
	}

	/** The verified ID token; {@code invalid_token} if it is not one of ours. */
	Jwt verify(String hint) {
		try {
			return this.decoder.decode(hint);
		}
		catch (JwtException | IllegalArgumentException ex) {
			throw LogoutErrors.invalidIdTokenHint();
		}
	}

	private static OAuth2TokenValidatorResult isIdToken(Jwt jwt) {
		Object type = jwt.getHeaders().get("typ");
		List<String> audience = jwt.getAudience();
		boolean idToken = (type == null || "JWT".equalsIgnoreCase(type.toString())) && jwt.getSubject() != null
				&& audience != null && !audience.isEmpty();
		return idToken ? OAuth2TokenValidatorResult.success()
				: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "not an ID token", null));
	}

}
