package dev.failsafe.idp.server.keys;

import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The published public keys as a {@link JWKSource}: what this node's own token verification
 * (userinfo, the admin API's bearer tokens) trusts, the same set the JWKS endpoint serves.
 */
public final class RingJwkSource implements JWKSource<SecurityContext> {

	private final PublishedKeySet keys;

	public RingJwkSource(PublishedKeySet keys) {
		this.keys = keys;
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		return selector.select(this.keys.current().keys());
	}

}
