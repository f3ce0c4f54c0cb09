package dev.failsafe.idp.bench.load;

import org.junit.jupiter.api.Test;

import dev.failsafe.idp.bench.hashing.PasswordHashes;
import dev.failsafe.idp.testing.RequiredComponent;

import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LimitsTest {

	@Test
	void parseOpensslSpeedWhenMultiProcessOutputThenTheSignRateIsRead() {
		String output = """
				Forked child 0
				Forked child 1
				Got: +F2:2:2048:0.000129:0.000008 from 0
				CPUINFO: OPENSSL_ia32cap=0xfed83203178bffff:0x18005f42f1bb03a9
				                  sign    verify    sign/s verify/s
				rsa 2048 bits 0.000129s 0.000008s   7757.7 128511.7
				""";

		assertThat(Limits.parseOpensslSpeed(output)).isEqualTo(7757.7);
	}

	@Test
	void parseOpensslSpeedWhenNoRsaLineThenItFailsWithTheOutput() {
		assertThatIllegalStateException().isThrownBy(() -> Limits.parseOpensslSpeed("speed: unknown algorithm"))
			.withMessageContaining("unknown algorithm");
	}

	@Test
	void hashesPerSecondWhenTheProvidersHashThenItChecksArgon2idAtItsDefaultCost() throws InterruptedException {
		PasswordEncoder encoder = providerHash();
		String hash = encoder.encode("alice-demo-password");

		assertThat(hash).startsWith("$argon2id$v=19$" + PasswordHashes.PROVIDER_PARAMETERS + "$");
		assertThat(Limits.measuredPasswordEncoding()).isEqualTo("$argon2id$v=19$" + PasswordHashes.PROVIDER_PARAMETERS);
		assertThat(Limits.hashesPerSecond(encoder, hash, 1, 1)).isPositive();
	}

	@Test
	void keycloakHashWhenEncodedThenArgon2idAtKeycloaksDefaultCostAndVerifiedNatively() {
		String hash = PasswordHashes.keycloak().encode("alice-demo-password");

		assertThat(hash).startsWith("$argon2id$v=19$" + PasswordHashes.KEYCLOAK_PARAMETERS + "$");
		assertThat(providerHash().matches("alice-demo-password", hash)).isTrue();
		assertThat(providerHash().matches("wrong", hash)).isFalse();
	}

	/** The native hash; fails in CI without libargon2, skipped elsewhere. */
	private static PasswordEncoder providerHash() {
		try {
			return PasswordHashes.nativeProvider();
		}
		catch (LinkageError ex) {
			return RequiredComponent.missing("libargon2 cannot load (" + ex + "): install the Debian package 'libargon2-1'");
		}
	}

}
