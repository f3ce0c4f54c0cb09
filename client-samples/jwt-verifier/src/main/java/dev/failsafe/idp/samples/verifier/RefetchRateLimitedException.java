package dev.failsafe.idp.samples.verifier;

import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;

/**
 * A fetch refused because the last one was too recent. It is a "temporarily unavailable" kind on
 * purpose: the layer above answers with the last good JWKS, as during an outage, so a flood of
 * unknown kids is refused with that JWKS instead of reaching the provider.
 */
final class RefetchRateLimitedException extends JWKSetUnavailableException {

	RefetchRateLimitedException(long nextFetchAllowedAt) {
		super("The JWKS was fetched too recently; the next fetch is allowed at " + nextFetchAllowedAt + " ms");
	}

}
