package dev.failsafe.idp.testing.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair (RFC 7636) with the S256 method.
 *
 * @param verifier the code_verifier
 * @param challenge the S256 code_challenge
 */
public record Pkce(String verifier, String challenge) {

	private static final SecureRandom RANDOM = new SecureRandom();

	public static Pkce create() {
		String verifier = randomToken();
		return new Pkce(verifier, s256(verifier));
	}

	/** The S256 challenge of {@code verifier}: BASE64URL(SHA-256(ASCII(verifier))). */
	public static String s256(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** 32 random bytes, base64url: a verifier, a state or a nonce. */
	public static String randomToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
