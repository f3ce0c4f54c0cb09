package dev.failsafe.idp.samples.it;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;

/** Tokens an attacker could make from a valid one and the public JWKS. */
final class Forgeries {

	/** One key for all forgeries: generating an RSA key takes far longer than a request. */
	private static final RSAKey ATTACKER;

	static {
		try {
			ATTACKER = new RSAKeyGenerator(2048).generate();
		}
		catch (JOSEException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private Forgeries() {
	}

	/** The same header and claims, signed by the attacker's key under a new kid nobody published. */
	static String signedByUnknownKey(String valid) throws ParseException, JOSEException {
		SignedJWT token = SignedJWT.parse(valid);
		SignedJWT forged = new SignedJWT(
				new JWSHeader.Builder(token.getHeader()).keyID(UUID.randomUUID().toString()).build(),
				token.getJWTClaimsSet());
		forged.sign(new RSASSASigner(ATTACKER));
		return forged.serialize();
	}

	/** The same claims, unsecured: {@code alg: none} and no signature. */
	static String algNone(String valid) throws ParseException {
		SignedJWT token = SignedJWT.parse(valid);
		return encode("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + token.getParsedParts()[1] + ".";
	}

	/** The same claims signed with HS256, the published RSA key's bytes as the HMAC secret. */
	static String hs256WithPublicKey(String valid, RSAKey published) throws ParseException, JOSEException {
		SignedJWT token = SignedJWT.parse(valid);
		SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(token.getHeader().getType())
			.keyID(published.getKeyID())
			.build(), token.getJWTClaimsSet());
		forged.sign(new MACSigner(published.toRSAPublicKey().getEncoded()));
		return forged.serialize();
	}

	/** The valid signature over a payload changed to grant {@code orders.write} as well. */
	static String tamperedPayload(String valid) {
		String[] parts = valid.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		String widened = payload.replace("\"orders.read\"", "\"orders.read orders.write\"");
		if (widened.equals(payload)) {
			throw new IllegalArgumentException("expected a token with scope orders.read only: " + payload);
		}
		return parts[0] + "." + encode(widened) + "." + parts[2];
	}

	private static String encode(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
