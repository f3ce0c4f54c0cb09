package dev.failsafe.idp.server.tokens;

import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;

/** The RFC 7638 thumbprint of the key in a verified DPoP proof's header: a bound token's {@code cnf.jkt}. */
final class DpopThumbprint {

	private DpopThumbprint() {
	}

	@SuppressWarnings("unchecked")
	static String of(Jwt proof) {
		try {
			return JWK.parse((Map<String, Object>) proof.getHeaders().get("jwk")).computeThumbprint().toString();
		}
		catch (ParseException | JOSEException | ClassCastException | NullPointerException ex) {
			throw new OAuth2AuthenticationException(
					new OAuth2Error("invalid_dpop_proof", "The DPoP proof's jwk is missing or invalid.", null));
		}
	}

}
