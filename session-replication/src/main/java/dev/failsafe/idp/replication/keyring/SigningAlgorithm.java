package dev.failsafe.idp.replication.keyring;

import java.util.Arrays;
import java.util.Optional;

/**
 * The JWS algorithms the provider signs with, each with one key of its own in the ring. The one
 * place they are spelled out: the ring, the admin API, client registration and {@code idp-admin}
 * all use this type. Plain Java, so the command line can use it without the rest of the ring.
 */
public enum SigningAlgorithm {

	/** RSASSA-PKCS1-v1_5 with SHA-256 over a 2048-bit key. */
	RS256,

	/** ECDSA over P-256 with SHA-256. */
	ES256;

	/** What a client signs with unless it is registered with another algorithm. */
	public static final SigningAlgorithm DEFAULT = RS256;

	/** The algorithm with this JWS name ({@code RS256}, {@code ES256}), if we sign with it. */
	public static Optional<SigningAlgorithm> named(String name) {
		return Arrays.stream(values()).filter((algorithm) -> algorithm.name().equals(name)).findFirst();
	}

	/**
	 * @throws IllegalArgumentException if we do not sign with {@code name}
	 */
	public static SigningAlgorithm of(String name) {
		return named(name).orElseThrow(() -> new IllegalArgumentException(
				"Unsupported signing algorithm " + name + "; use one of " + Arrays.toString(values())));
	}

}
