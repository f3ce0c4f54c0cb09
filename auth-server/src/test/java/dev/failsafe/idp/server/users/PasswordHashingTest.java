package dev.failsafe.idp.server.users;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import dev.failsafe.idp.testing.RequiredComponent;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.unit.DataSize;

import dev.failsafe.idp.server.testing.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Argon2id natively through libargon2, the pure-Java fallback when it cannot load, and that each
 * verifies the other's hashes.
 */
class PasswordHashingTest {

	private static final PasswordHashingProperties OWASP = PasswordHashingProperties.owasp();

	@Test
	void argon2idWhenLibargon2IsInstalledThenHashesNativelyAtTheOwaspSetting() {
		PasswordHashing hashing = nativeHashing();

		assertThat(hashing.implementation()).isEqualTo(PasswordHashing.Implementation.NATIVE);
		String hash = hashing.encoder().encode(TestUsers.PASSWORD);
		assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(hashing.encoder().matches(TestUsers.PASSWORD, hash)).isTrue();
		assertThat(hashing.encoder().matches("wrong", hash)).isFalse();
		assertThat(hashing.encoder().upgradeEncoding(hash)).isFalse();
	}

	@Test
	void argon2idWhenTheNativeLibraryCannotLoadThenPureJavaWithTheSameHashes() {
		PasswordHashing fallback = pureJavaHashing();

		assertThat(fallback.implementation()).isEqualTo(PasswordHashing.Implementation.PURE_JAVA);
		String hash = fallback.encoder().encode(TestUsers.PASSWORD);
		assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(fallback.encoder().matches(TestUsers.PASSWORD, hash)).isTrue();
		assertThat(fallback.encoder().matches("wrong", hash)).isFalse();
	}

	@Test
	void argon2idWhenTheNativeLibraryDisagreesWithPureJavaThenPureJava() {
		libargon2();
		// The library loads but computes another variant (Argon2i): its hashes are not the ones asked for.
		PasswordHashing hashing = PasswordHashing.argon2id(OWASP,
				() -> Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2i, 16, 32));

		assertThat(hashing.implementation()).isEqualTo(PasswordHashing.Implementation.PURE_JAVA);
	}

	@Test
	void matchesWhenHashedByTheOtherImplementationThenVerifiesBothWays() {
		PasswordEncoder nativeEncoder = nativeHashing().encoder();
		PasswordEncoder pureJava = pureJavaHashing().encoder();

		String nativeHash = nativeEncoder.encode(TestUsers.PASSWORD);
		String pureJavaHash = pureJava.encode(TestUsers.PASSWORD);
		assertThat(nativeHash).isNotEqualTo(pureJavaHash);
		assertThat(pureJava.matches(TestUsers.PASSWORD, nativeHash)).isTrue();
		assertThat(nativeEncoder.matches(TestUsers.PASSWORD, pureJavaHash)).isTrue();
		assertThat(pureJava.matches("wrong", nativeHash)).isFalse();
		assertThat(nativeEncoder.matches("wrong", pureJavaHash)).isFalse();
	}

	@Test
	void matchesWhenNonAsciiPasswordThenBothImplementationsAgree() {
		PasswordEncoder nativeEncoder = nativeHashing().encoder();
		PasswordEncoder pureJava = pureJavaHashing().encoder();
		String password = "Grüße, 世界 🔑";

		assertThat(pureJava.matches(password, nativeEncoder.encode(password))).isTrue();
		assertThat(nativeEncoder.matches(password, pureJava.encode(password))).isTrue();
	}

	@Test
	void upgradeEncodingWhenBcryptOrWeakerArgon2idThenTrue() {
		PasswordEncoder encoder = nativeHashing().encoder();
		String bcrypt = "{bcrypt}" + new BCryptPasswordEncoder().encode(TestUsers.PASSWORD);
		PasswordEncoder weaker = PasswordHashing
			.argon2id(new PasswordHashingProperties(DataSize.ofMegabytes(7), 2, 1),
					NativeArgon2idPasswordEncoder::loadLibrary)
			.encoder();

		assertThat(encoder.matches(TestUsers.PASSWORD, bcrypt)).isTrue();
		assertThat(encoder.upgradeEncoding(bcrypt)).isTrue();
		assertThat(encoder.upgradeEncoding(weaker.encode(TestUsers.PASSWORD))).isTrue();
		assertThat(encoder.upgradeEncoding(encoder.encode(TestUsers.PASSWORD))).isFalse();
	}

	@Test
	void matchesWhenMalformedOrForeignHashThenFalse() {
		PasswordEncoder encoder = nativeHashing().encoder();

		assertThat(encoder.matches(TestUsers.PASSWORD, "{argon2}$argon2id$v=19$m=19456,t=2,p=1$bm90$")).isFalse();
		assertThat(encoder.matches(TestUsers.PASSWORD, "{argon2}not-a-hash")).isFalse();
		assertThat(encoder.matches(TestUsers.PASSWORD, "{noop}" + TestUsers.PASSWORD)).isFalse();
	}

	@Test
	void propertiesWhenBoundWithoutSettingsThenOwaspDefaults() {
		PasswordHashingProperties bound = new Binder(new MapConfigurationPropertySource())
			.bindOrCreate("idp.passwords", Bindable.of(PasswordHashingProperties.class));

		assertThat(bound).isEqualTo(OWASP);
		assertThat(bound.parameters()).isEqualTo("m=19456,t=2,p=1");
	}

	@Test
	void propertiesWhenMemoryOutOfRangeThenRefused() {
		assertThatThrownBy(() -> new PasswordHashingProperties(DataSize.ofKilobytes(512), 2, 1))
			.hasMessageContaining("idp.passwords.memory");
		assertThatThrownBy(() -> new PasswordHashingProperties(DataSize.ofGigabytes(1), 2, 1))
			.hasMessageContaining("idp.passwords.memory");
		assertThatThrownBy(() -> new PasswordHashingProperties(DataSize.ofBytes(19 * 1024 * 1024 + 1), 2, 1))
			.hasMessageContaining("whole KiB");
	}

	/** What the provider does where libargon2 cannot load: JNA's UnsatisfiedLinkError. */
	private static PasswordHashing pureJavaHashing() {
		return PasswordHashing.argon2id(OWASP, () -> {
			throw new UnsatisfiedLinkError("Unable to load library 'argon2'");
		});
	}

	private static PasswordHashing nativeHashing() {
		libargon2();
		return PasswordHashing.argon2id(OWASP, NativeArgon2idPasswordEncoder::loadLibrary);
	}

	/** libargon2 through JNA: the test fails in CI without it and is skipped elsewhere. */
	private static Argon2 libargon2() {
		try {
			return NativeArgon2idPasswordEncoder.loadLibrary();
		}
		catch (LinkageError ex) {
			return RequiredComponent.missing("libargon2 cannot load (" + ex + "): install the Debian package "
					+ "'libargon2-1' (apt-get install -y libargon2-1)");
		}
	}

}
