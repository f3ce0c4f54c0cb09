package dev.failsafe.idp.samples.verifier;

import java.security.Key;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The public keys of the JWKS that match a token's header (kid, key type, use), like Nimbus's
 * {@code JWSVerificationKeySelector}, but each JWK is turned into a Java key once, not on every
 * token: the conversion costs a noticeable share of a verification. The algorithm allow-list is
 * checked by the caller before this is asked.
 */
final class CachedKeySelector implements JWSKeySelector<SecurityContext> {

	/** Keys of a few JWKS generations at most; more means the provider rotates wildly: start over. */
	private static final int MAX_CONVERTED = 32;

	private final JWKSource<SecurityContext> keys;

	/** Copy-on-write, keyed by the JWK objects the cache hands out (stable until the next fetch). */
	private volatile Map<JWK, Key> converted = new IdentityHashMap<>();

	CachedKeySelector(JWKSource<SecurityContext> keys) {
		this.keys = keys;
	}

	@Override
	public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
		JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
		if (matcher == null || header.getKeyID() == null) {
			// Our provider always names the key; a token without kid is not ours to try keys for.
			return List.of();
		}
		List<JWK> matches = this.keys.get(new JWKSelector(matcher), context);
		List<Key> selected = new ArrayList<>(matches.size());
		for (JWK jwk : matches) {
			Key key = this.converted.get(jwk);
			if (key == null) {
				key = convert(jwk);
			}
			if (key != null) {
				selected.add(key);
			}
		}
		return selected;
	}

	private synchronized Key convert(JWK jwk) {
		if (!(jwk instanceof AsymmetricJWK asymmetric)) {
			return null;
		}
		try {
			Key key = asymmetric.toPublicKey();
			Map<JWK, Key> next = (this.converted.size() >= MAX_CONVERTED) ? new IdentityHashMap<>()
					: new IdentityHashMap<>(this.converted);
			next.put(jwk, key);
			this.converted = next;
			return key;
		}
		catch (JOSEException ex) {
			// An unusable key in the JWKS verifies nothing; the other keys still may.
			return null;
		}
	}

}
