package dev.failsafe.idp.replication.keyring;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * Creates signing keys as {@link SigningKeyRecord}s and opens them again.
 *
 * <p>A new key's kid is its RFC 7638 thumbprint (SHA-256); its private JWK is sealed under the
 * {@link KeyEncryptionKey} with the kid as context. Opening checks that the material still hashes
 * to the kid, so a record whose sealed or public part was swapped is refused.
 */
public final class SigningKeyVault {

	private static final int RSA_KEY_BITS = 2048;

	private final KeyEncryptionKey kek;

	public SigningKeyVault(KeyEncryptionKey kek) {
		this.kek = Objects.requireNonNull(kek, "kek");
	}

	/**
	 * A new key of {@code algorithm}, in the JWKS from {@code publishAt} and signing from
	 * {@code activateAt}.
	 */
	public SigningKeyRecord generate(SigningAlgorithm algorithm, Instant publishAt, Instant activateAt) {
		JWK generated = generateKey(algorithm);
		String kid = thumbprint(generated);
		JWK withKid = withKeyId(generated, kid);
		byte[] privateJson = withKid.toJSONString().getBytes(StandardCharsets.UTF_8);
		try {
			return new SigningKeyRecord(kid, algorithm, withKid.toPublicJWK().toJSONString(),
					this.kek.seal(kid, privateJson), publishAt, activateAt);
		}
		finally {
			Arrays.fill(privateJson, (byte) 0);
		}
	}

	/**
	 * The key with its private part, for signing.
	 * @throws SealedDataException if it cannot be opened with this vault's KEK
	 * @throws IllegalStateException if the material does not match the kid
	 */
	public JWK privateJwk(SigningKeyRecord record) {
		byte[] json = this.kek.open(record.kid(), record.sealedPrivateJwk());
		try {
			JWK jwk = parse(new String(json, StandardCharsets.UTF_8), record);
			if (!jwk.isPrivate()) {
				throw new IllegalStateException("The sealed key " + record.kid() + " holds no private part");
			}
			return requireKidMatches(jwk, record);
		}
		finally {
			Arrays.fill(json, (byte) 0);
		}
	}

	/**
	 * The key's public JWK, for the JWKS.
	 * @throws IllegalStateException if the material does not match the kid
	 */
	public JWK publicJwk(SigningKeyRecord record) {
		return requireKidMatches(parse(record.publicJwk(), record), record).toPublicJWK();
	}

	/**
	 * Whether the record's kid is the RFC 7638 thumbprint of its public JWK, which names that same
	 * kid: what makes one kid name one key material.
	 */
	static boolean kidMatchesMaterial(SigningKeyRecord record) {
		try {
			JWK jwk = JWK.parse(record.publicJwk());
			return !jwk.isPrivate() && thumbprint(jwk).equals(record.kid()) && record.kid().equals(jwk.getKeyID());
		}
		catch (ParseException | IllegalStateException ex) {
			return false;
		}
	}

	private static JWK generateKey(SigningAlgorithm algorithm) {
		try {
			return switch (algorithm) {
				case RS256 -> new RSAKeyGenerator(RSA_KEY_BITS).keyUse(KeyUse.SIGNATURE)
					.algorithm(JWSAlgorithm.RS256)
					.generate();
				case ES256 -> new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
					.algorithm(JWSAlgorithm.ES256)
					.generate();
			};
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate a " + algorithm + " key", ex);
		}
	}

	private static JWK withKeyId(JWK key, String kid) {
		if (key instanceof RSAKey rsa) {
			return new RSAKey.Builder(rsa).keyID(kid).build();
		}
		return new ECKey.Builder((ECKey) key).keyID(kid).build();
	}

	private static JWK requireKidMatches(JWK jwk, SigningKeyRecord record) {
		if (!thumbprint(jwk).equals(record.kid()) || !record.kid().equals(jwk.getKeyID())) {
			throw new IllegalStateException("The material of key " + record.kid() + " does not match its kid");
		}
		return jwk;
	}

	private static String thumbprint(JWK jwk) {
		try {
			return jwk.computeThumbprint().toString();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot compute a JWK thumbprint", ex);
		}
	}

	private static JWK parse(String json, SigningKeyRecord record) {
		try {
			return JWK.parse(json);
		}
		catch (ParseException ex) {
			// Not the parser's message: it may quote key material.
			throw new IllegalStateException("The key " + record.kid() + " is not a valid JWK");
		}
	}

}
