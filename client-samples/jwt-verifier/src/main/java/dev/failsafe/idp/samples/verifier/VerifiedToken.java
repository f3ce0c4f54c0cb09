package dev.failsafe.idp.samples.verifier;

import java.util.List;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;

/**
 * A token whose signature, type, issuer, audience and times were verified.
 *
 * @param header its JOSE header ({@code alg}, {@code kid}, {@code typ})
 * @param claims its claims
 */
public record VerifiedToken(JWSHeader header, JWTClaimsSet claims) {

	public String subject() {
		return this.claims.getSubject();
	}

	/** The space-separated {@code scope} claim as a list (empty if none). */
	public List<String> scopes() {
		Object scope = this.claims.getClaim("scope");
		if (scope instanceof String text && !text.isBlank()) {
			return List.of(text.trim().split(" +"));
		}
		return List.of();
	}

}
