package dev.failsafe.idp.server.clients;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Hashes client secrets with SHA-256. Client secrets are high-entropy values we generate, so a
 * slow password hash would only cost CPU on every token request without adding safety; passwords
 * chosen by people keep bcrypt.
 */
public final class Sha256SecretEncoder implements PasswordEncoder {

	/** The id this encoder has inside a {@code DelegatingPasswordEncoder}: {@code {sha256}...}. */
	public static final String ID = "sha256";

	@Override
	public String encode(CharSequence rawSecret) {
		return Base64.getEncoder().withoutPadding().encodeToString(digest(rawSecret));
	}

	@Override
	public boolean matches(CharSequence rawSecret, String encodedSecret) {
		if (rawSecret == null || encodedSecret == null) {
			return false;
		}
		byte[] expected;
		try {
			expected = Base64.getDecoder().decode(encodedSecret);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return MessageDigest.isEqual(expected, digest(rawSecret));
	}

	private static byte[] digest(CharSequence rawSecret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(rawSecret.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

}
