package dev.failsafe.idp.server.users;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id computed by the reference C library, {@code libargon2} (Debian's {@code libargon2-1}),
 * through the argon2-jvm JNA binding. Hashes are the standard encoded form
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, 16-byte salt, 32-byte hash), the same as
 * Spring Security's pure-Java {@link Argon2PasswordEncoder} writes and reads, so either verifies
 * the other's hashes. Whether a hash needs rehashing is decided by that encoder's rule (its
 * parameters below the settings), which only parses the hash.
 */
final class NativeArgon2idPasswordEncoder implements PasswordEncoder {

	static final int SALT_LENGTH = 16;

	static final int HASH_LENGTH = 32;

	private final Argon2 library;

	private final PasswordHashingProperties settings;

	private final Argon2PasswordEncoder rehashRule;

	NativeArgon2idPasswordEncoder(Argon2 library, PasswordHashingProperties settings) {
		this.library = library;
		this.settings = settings;
		this.rehashRule = pureJava(settings);
	}

	/**
	 * Binds {@code libargon2}; throws a {@link LinkageError} when it cannot load (JNA loads it at the
	 * first call, so one hash is computed here).
	 */
	static Argon2 loadLibrary() {
		Argon2 library = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, SALT_LENGTH, HASH_LENGTH);
		library.hash(1, 8, 1, new char[] { 'x' }, StandardCharsets.UTF_8);
		return library;
	}

	/** Spring Security's pure-Java (BouncyCastle) Argon2id encoder at the same settings. */
	static Argon2PasswordEncoder pureJava(PasswordHashingProperties settings) {
		return new Argon2PasswordEncoder(SALT_LENGTH, HASH_LENGTH, settings.parallelism(), settings.memoryKib(),
				settings.iterations());
	}

	@Override
	public String encode(CharSequence rawPassword) {
		char[] password = toChars(rawPassword);
		try {
			return this.library.hash(this.settings.iterations(), this.settings.memoryKib(), this.settings.parallelism(),
					password, StandardCharsets.UTF_8);
		}
		finally {
			Arrays.fill(password, '\0');
		}
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || encodedPassword == null || !encodedPassword.startsWith("$argon2id$")) {
			return false;
		}
		char[] password = toChars(rawPassword);
		try {
			return this.library.verify(encodedPassword, password, StandardCharsets.UTF_8);
		}
		finally {
			Arrays.fill(password, '\0');
		}
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.rehashRule.upgradeEncoding(encodedPassword);
	}

	private static char[] toChars(CharSequence password) {
		char[] chars = new char[password.length()];
		for (int i = 0; i < chars.length; i++) {
			chars[i] = password.charAt(i);
		}
		return chars;
	}

}
