package dev.failsafe.idp.bench.load;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
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
	void hashesPerSecondWhenTheProvidersEncoderThenItChecksBcryptAtCostTen() throws InterruptedException {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		String hash = encoder.encode("alice-demo-password");

		assertThat(hash).startsWith("{bcrypt}$2a$10$");
		assertThat(Limits.hashesPerSecond(encoder, hash, 1, 1)).isPositive();
	}

}
