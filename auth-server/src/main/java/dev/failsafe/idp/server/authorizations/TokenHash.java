package dev.failsafe.idp.server.authorizations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The one way a token value becomes what the stores keep: SHA-256, base64url. Token values are
 * high-entropy secrets we generate, so a fast unsalted hash is enough to make a dump of the store
 * useless.
 *
 * <p>When an authorization is read back by one of its tokens, the other tokens' values are not
 * known; they carry a {@linkplain #placeholder placeholder} that stands for the stored hash.
 * Lookups always hash what they are given, so a placeholder presented by a caller matches
 * nothing.
 */
final class TokenHash {

	private static final String PLACEHOLDER_PREFIX = "{sha256}";

	private TokenHash() {
	}

	/** The hash of a real token value, or the hash a placeholder stands for. */
	static String of(String tokenValueOrPlaceholder) {
		if (isPlaceholder(tokenValueOrPlaceholder)) {
			return tokenValueOrPlaceholder.substring(PLACEHOLDER_PREFIX.length());
		}
		return ofPresented(tokenValueOrPlaceholder);
	}

	/** The hash of a value presented from outside: never interpreted as a placeholder. */
	static String ofPresented(String presentedValue) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(presentedValue.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

	/** Whether {@code value} is a placeholder, not a real token value. */
	static boolean isPlaceholder(String value) {
		return value.startsWith(PLACEHOLDER_PREFIX);
	}

	static String placeholder(String hash) {
		return PLACEHOLDER_PREFIX + hash;
	}

}
