package dev.failsafe.idp.server.keys;

import java.time.Clock;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The published public keys as a {@link JWKSource}: what the JWKS endpoint serves and what this
 * node's own token verification (userinfo, introspection of JWTs) trusts.
 */
public final class RingJwkSource implements JWKSource<SecurityContext> {

	private final ActiveKeys keys;

	private final Clock clock;

	public RingJwkSource(ActiveKeys keys, Clock clock) {
		this.keys = keys;
		this.clock = clock;
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		return selector.select(new JWKSet(this.keys.published(this.clock.instant())));
	}

}
