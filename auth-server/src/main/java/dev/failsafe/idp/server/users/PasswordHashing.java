package dev.failsafe.idp.server.users;

import java.util.Map;
import java.util.function.Supplier;

import de.mkammerer.argon2.Argon2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Users' password hashing: Argon2id computed natively by {@code libargon2} when it loads and agrees
 * with the pure-Java implementation on a hash made at start (same type, version and parameters, and
 * it verifies); Spring Security's pure-Java
 * (BouncyCastle) Argon2id otherwise, with a warning, since it is 1.5 to 2.5 times slower and so
 * bounds sign-ins lower. New hashes are {@code {argon2}$argon2id$v=19$m=...}; bcrypt hashes of
 * earlier versions ({@code {bcrypt}...}) still verify and are rehashed at the next successful
 * sign-in ({@link PasswordUpgrades}).
 *
 * <p>Argon2id hashes are computed on one thread per core ({@link HashingThreads}), which bounds
 * the memory they hold at once.
 *
 * @param encoder the delegating encoder users' passwords are hashed and checked with
 * @param implementation which Argon2id implementation computes the hashes
 * @param threads the hashing threads, stopped by {@link #close()}
 */
public record PasswordHashing(PasswordEncoder encoder, Implementation implementation, AutoCloseable threads)
		implements AutoCloseable {

	/** The id of new hashes in the delegating encoder. */
	public static final String ARGON2 = "argon2";

	/** The id of the bcrypt hashes that earlier versions stored. */
	public static final String BCRYPT = "bcrypt";

	private static final Logger log = LoggerFactory.getLogger(PasswordHashing.class);

	/** Which Argon2id implementation computes the hashes. */
	public enum Implementation {

		/** {@code libargon2}, the reference C implementation, through JNA. */
		NATIVE,

		/** Spring Security's {@code Argon2PasswordEncoder} on BouncyCastle. */
		PURE_JAVA

	}

	/**
	 * Argon2id at {@code settings}, native when {@code nativeLibrary} loads and its hash verifies
	 * with the pure-Java implementation, pure Java otherwise.
	 * @param nativeLibrary binds {@code libargon2}; may throw a {@link LinkageError} or a runtime
	 *        exception when it cannot
	 */
	public static PasswordHashing argon2id(PasswordHashingProperties settings, Supplier<Argon2> nativeLibrary) {
		PasswordEncoder pureJava = NativeArgon2idPasswordEncoder.pureJava(settings);
		PasswordEncoder argon2id;
		Implementation implementation;
		try {
			NativeArgon2idPasswordEncoder candidate = new NativeArgon2idPasswordEncoder(nativeLibrary.get(), settings);
			String probe = "failsafe-id-start-probe";
			String hash = candidate.encode(probe);
			if (!hash.startsWith("$argon2id$v=19$" + settings.parameters() + "$") || !pureJava.matches(probe, hash)) {
				throw new IllegalStateException("a libargon2 hash is not the Argon2id hash the pure-Java implementation "
						+ "computes: " + hash.substring(0, Math.min(hash.length(), 30)));
			}
			argon2id = candidate;
			implementation = Implementation.NATIVE;
			log.info("Password hashing: Argon2id ({}) with the native libargon2", settings.parameters());
		}
		catch (LinkageError | RuntimeException ex) {
			argon2id = pureJava;
			implementation = Implementation.PURE_JAVA;
			log.warn("Password hashing: Argon2id ({}) in pure Java, about twice as slow: the native libargon2 could "
					+ "not be used (install Debian's libargon2-1): {}", settings.parameters(), ex.toString());
		}
		HashingThreads threads = new HashingThreads(argon2id, Runtime.getRuntime().availableProcessors());
		DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder(ARGON2,
				Map.of(ARGON2, threads, BCRYPT, new BCryptPasswordEncoder()));
		encoder.setDefaultPasswordEncoderForMatches(new MatchesNothing());
		return new PasswordHashing(encoder, implementation, threads);
	}

	/** Stops the hashing threads. */
	@Override
	public void close() throws Exception {
		this.threads.close();
	}

	/**
	 * A stored hash of another scheme ({@code {noop}}, a typo) matches no password: that user cannot
	 * sign in, and the sign-in fails like a wrong password instead of with an error.
	 */
	private static final class MatchesNothing implements PasswordEncoder {

		@Override
		public String encode(CharSequence rawPassword) {
			throw new UnsupportedOperationException("only for checking hashes of unknown schemes");
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			return false;
		}

	}

}
