package dev.failsafe.idp.server.dpop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** A client's DPoP key and the proofs it makes (RFC 9449 section 4), for tests. */
public final class DpopProofs {

	private final ECKey key;

	private DpopProofs(ECKey key) {
		this.key = key;
	}

	/** A new P-256 key. */
	public static DpopProofs create() {
		try {
			return new DpopProofs(new ECKeyGenerator(Curve.P_256).generate());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The key's RFC 7638 thumbprint, as a bound token's {@code cnf.jkt}. */
	public String thumbprint() {
		try {
			return this.key.computeThumbprint().toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A fresh proof for {@code method} {@code uri}, made at {@code issuedAt}, for {@code accessToken} if not null. */
	public String proof(String method, String uri, Instant issuedAt, String accessToken) {
		try {
			JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
				.claim("htm", method)
				.claim("htu", uri)
				.issueTime(Date.from(issuedAt));
			if (accessToken != null) {
				claims.claim("ath", Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(MessageDigest.getInstance("SHA-256")
						.digest(accessToken.getBytes(StandardCharsets.US_ASCII))));
			}
			SignedJWT proof = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
				.type(new JOSEObjectType("dpop+jwt"))
				.jwk(this.key.toPublicJWK())
				.build(), claims.build());
			proof.sign(new ECDSASigner(this.key));
			return proof.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String proof(String method, String uri) {
		return proof(method, uri, Instant.now(), null);
	}

}
