package dev.failsafe.idp.server.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import dev.failsafe.idp.replication.keyring.SigningAlgorithm;

/**
 * Signs JWTs with one key, straight through the JCA: its JWS header ({@code kid}, {@code typ},
 * {@code alg}) encoded once per {@code typ}, the key opened once as the JCA provider's own key object
 * (Amazon Corretto Crypto Provider's when it is first), and the signature in JWS form (RFC 7515
 * appendix A: PKCS #1 v1.5 for RS256, the 64-byte {@code R || S} for ES256). What Spring's
 * {@code NimbusJwtEncoder} does for these headers, without its per-token key selection, header and
 * claims conversion and signer set-up.
 */
final class KeySigner {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final String kid;

	private final SigningAlgorithm algorithm;

	private final PrivateKey key;

	private final String jcaAlgorithm;

	private final Map<String, byte[]> encodedHeaders = new ConcurrentHashMap<>();

	private KeySigner(String kid, SigningAlgorithm algorithm, PrivateKey key, String jcaAlgorithm) {
		this.kid = kid;
		this.algorithm = algorithm;
		this.key = key;
		this.jcaAlgorithm = jcaAlgorithm;
	}

	/** A signer over {@code jwk}'s private key for {@code algorithm}. */
	static KeySigner of(JWK jwk, SigningAlgorithm algorithm) {
		try {
			return switch (algorithm) {
				case RS256 -> new KeySigner(jwk.getKeyID(), algorithm, ((RSAKey) jwk).toPrivateKey(), "SHA256withRSA");
				case ES256 -> new KeySigner(jwk.getKeyID(), algorithm, ((ECKey) jwk).toPrivateKey(), "SHA256withECDSA");
			};
		}
		catch (JOSEException | ClassCastException ex) {
			throw new IllegalStateException("Key " + jwk.getKeyID() + " cannot sign " + algorithm, ex);
		}
	}

	String kid() {
		return this.kid;
	}

	/**
	 * The compact serialization of a JWS over {@code payload} with the header
	 * {@code {"kid":..., "typ":type, "alg":...}} ({@code typ} left out when null).
	 */
	String sign(String type, byte[] payload) {
		byte[] header = this.encodedHeaders.computeIfAbsent((type != null) ? type : "", this::encodeHeader);
		byte[] body = BASE64URL.encode(payload);
		byte[] signingInput = new byte[header.length + 1 + body.length];
		System.arraycopy(header, 0, signingInput, 0, header.length);
		signingInput[header.length] = '.';
		System.arraycopy(body, 0, signingInput, header.length + 1, body.length);
		byte[] signature = signature(signingInput);
		return new StringBuilder(signingInput.length + 1 + signature.length * 4 / 3 + 2)
			.append(new String(signingInput, StandardCharsets.US_ASCII))
			.append('.')
			.append(BASE64URL.encodeToString(signature))
			.toString();
	}

	private byte[] encodeHeader(String type) {
		StringBuilder json = new StringBuilder("{\"kid\":\"").append(this.kid).append('"');
		if (!type.isEmpty()) {
			json.append(",\"typ\":\"").append(type).append('"');
		}
		json.append(",\"alg\":\"").append(this.algorithm.name()).append("\"}");
		return BASE64URL.encode(json.toString().getBytes(StandardCharsets.UTF_8));
	}

	private byte[] signature(byte[] signingInput) {
		try {
			Signature signer = Signature.getInstance(this.jcaAlgorithm);
			signer.initSign(this.key);
			signer.update(signingInput);
			byte[] signature = signer.sign();
			if (this.algorithm == SigningAlgorithm.ES256) {
				return ECDSA.transcodeSignatureToConcat(signature,
						ECDSA.getSignatureByteArrayLength(JWSAlgorithm.ES256));
			}
			return signature;
		}
		catch (GeneralSecurityException | JOSEException ex) {
			throw new IllegalStateException("Signing with key " + this.kid + " failed", ex);
		}
	}

}
