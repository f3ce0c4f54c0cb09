package dev.failsafe.idp.server.clients;

import java.text.ParseException;
import java.util.List;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * The rules a client's {@code jwks} must pass: a JWK Set of one to {@value #MAX_KEYS} public signing
 * keys, RSA of at least 2048 bits or EC on P-256, without any private part (a client that sent one
 * has leaked it: refused, never stored), each for signing if it says what it is for.
 */
final class ClientKeyRules {

	static final int MAX_KEYS = 4;

	static final int MAX_LENGTH = 6000;

	private ClientKeyRules() {
	}

	static void check(String jwks) {
		if (jwks == null) {
			return;
		}
		require(jwks.length() <= MAX_LENGTH, "jwks must be at most " + MAX_LENGTH + " characters");
		List<JWK> keys;
		try {
			keys = JWKSet.parse(jwks).getKeys();
		}
		catch (ParseException ex) {
			throw new InvalidClientRegistrationException("jwks", "jwks must be a JWK Set: {\"keys\":[...]}");
		}
		require(!keys.isEmpty() && keys.size() <= MAX_KEYS, "jwks must hold 1 to " + MAX_KEYS + " keys");
		for (int i = 0; i < keys.size(); i++) {
			JWK key = keys.get(i);
			String field = "jwks.keys[" + i + "]";
			require(!key.isPrivate(), field + " holds a private key part: send the public key only (and replace "
					+ "this key, which is no longer secret)");
			require(key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse()), field + " must be for signing");
			boolean strongRsa = key instanceof RSAKey rsa && rsa.size() >= 2048;
			boolean p256 = key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve());
			require(strongRsa || p256, field + " must be an RSA key of at least 2048 bits or an EC key on P-256");
		}
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new InvalidClientRegistrationException("jwks", message);
		}
	}

}
