package dev.failsafe.idp.bench.hashing;

import java.nio.charset.StandardCharsets;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The password hashes the benchmarks measure, computed as each server computes them: the
 * provider's default (Argon2id, m=19 MiB, t=2, p=1, as {@code idp.passwords.*} defaults, through
 * the native {@code libargon2} with the same binding as the provider), and Keycloak 26's default
 * (Argon2id, m=7 MiB, t=5, p=1, in pure Java on BouncyCastle, as Keycloak computes it).
 */
public final class PasswordHashes {

	/** The provider's default hash parameters, as in its stored hashes. */
	public static final String PROVIDER_PARAMETERS = "m=19456,t=2,p=1";

	/** Keycloak 26's default Argon2id parameters. */
	public static final String KEYCLOAK_PARAMETERS = "m=7168,t=5,p=1";

	private PasswordHashes() {
	}

	/**
	 * The provider's default: Argon2id at m=19 MiB, t=2, p=1 through libargon2 (JNA); where it cannot
	 * load, in pure Java with a warning, as the provider then computes it.
	 */
	public static PasswordEncoder provider() {
		try {
			return nativeProvider();
		}
		catch (LinkageError ex) {
			System.err.println("WARNING: libargon2 cannot load (" + ex + "); the provider then hashes in pure Java, "
					+ "and so does this measurement. Install Debian's libargon2-1 to measure the native hash.");
			return new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
		}
	}

	/** The provider's default through libargon2; a {@link LinkageError} when it cannot load. */
	public static PasswordEncoder nativeProvider() {
		PasswordEncoder encoder = new NativeArgon2id(Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, 16, 32),
				19 * 1024, 2, 1);
		encoder.encode("load-probe");
		return encoder;
	}

	/** Keycloak's default: Argon2id at m=7 MiB, t=5, p=1 in pure Java (BouncyCastle). */
	public static PasswordEncoder keycloak() {
		return new Argon2PasswordEncoder(16, 32, 1, 7 * 1024, 5);
	}

	/** Argon2id through libargon2 at fixed parameters. */
	private record NativeArgon2id(Argon2 library, int memoryKib, int iterations, int parallelism)
			implements PasswordEncoder {

		@Override
		public String encode(CharSequence rawPassword) {
			return this.library.hash(this.iterations, this.memoryKib, this.parallelism, rawPassword.toString().toCharArray(),
					StandardCharsets.UTF_8);
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			return this.library.verify(encodedPassword, rawPassword.toString().toCharArray(), StandardCharsets.UTF_8);
		}

	}

}
