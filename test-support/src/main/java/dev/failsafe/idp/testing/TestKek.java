package dev.failsafe.idp.testing;

import java.security.SecureRandom;
import java.util.Base64;

/** Key-encryption keys for tests: random, as the provider's {@code IDP_KEK} variable takes them. */
public final class TestKek {

	private static final SecureRandom RANDOM = new SecureRandom();

	private TestKek() {
	}

	/** A new random 256-bit KEK, base64: every member of one test cluster must share it. */
	public static String random() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

}
