package dev.failsafe.idp.samples.partnerapi.security;

import java.util.Map;

import dev.failsafe.idp.samples.verifier.KeysUnavailableException;
import dev.failsafe.idp.samples.verifier.TokenRejectedException;
import dev.failsafe.idp.samples.verifier.TokenVerifier;
import dev.failsafe.idp.samples.verifier.VerifiedToken;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;

/**
 * Spring Security's view of jwt-verifier: a rejected token is a {@link BadJwtException} whose
 * message is the rejection's fixed description (it becomes the RFC 6750 {@code error_description});
 * keys that cannot be had are a plain {@link JwtException}, which {@link KeysUnavailableHandler}
 * answers with 503.
 */
final class VerifierJwtDecoder implements JwtDecoder {

	private final TokenVerifier verifier;

	private final MappedJwtClaimSetConverter claims = MappedJwtClaimSetConverter.withDefaults(Map.of());

	VerifierJwtDecoder(TokenVerifier verifier) {
		this.verifier = verifier;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		VerifiedToken verified;
		try {
			verified = this.verifier.verifyAccessToken(token);
		}
		catch (TokenRejectedException ex) {
			throw new BadJwtException(ex.reason().description(), ex);
		}
		catch (KeysUnavailableException ex) {
			throw new JwtException("The issuer's keys are unavailable", ex);
		}
		return Jwt.withTokenValue(token)
			.headers(headers -> headers.putAll(verified.header().toJSONObject()))
			.claims(claims -> claims.putAll(this.claims.convert(verified.claims().getClaims())))
			.build();
	}

}
