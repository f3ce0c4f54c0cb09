package dev.failsafe.idp.bench.compare;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CompareOptionsTest {

	@Test
	void parseWhenOnlyTheServersAreGivenThenTheIssuesWorkloads() {
		CompareOptions options = CompareOptions.parse("--jar", "auth-server.jar", "--keycloak-home", "kc");

		assertThat(options.jar()).isEqualTo(Path.of("auth-server.jar"));
		assertThat(options.keycloakHome()).isEqualTo(Path.of("kc"));
		assertThat(options.tokenConcurrency()).containsExactly(1, 8, 32);
		assertThat(options.signInConcurrency()).containsExactly(4, 8);
		assertThat(options.curve()).isEqualTo(Duration.ofSeconds(60));
		assertThat(options.curveWindow()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void parseWhenOptionsAreGivenThenTheyWin() {
		CompareOptions options = CompareOptions.parse("--jar", "a.jar", "--keycloak-home", "kc", "--token-concurrency",
				"2", "--jwks-concurrency", "3,4", "--sign-in-concurrency", "1", "--curve", "10", "--curve-window", "2",
				"--curve-clients", "3", "--measure", "7", "--warm-up", "0", "--provider-arg=--idp.crypto.provider=jdk");

		assertThat(options.tokenConcurrency()).containsExactly(2);
		assertThat(options.jwksConcurrency()).containsExactly(3, 4);
		assertThat(options.signInConcurrency()).containsExactly(1);
		assertThat(options.curve()).isEqualTo(Duration.ofSeconds(10));
		assertThat(options.curveWindow()).isEqualTo(Duration.ofSeconds(2));
		assertThat(options.curveClients()).isEqualTo(3);
		assertThat(options.measure()).isEqualTo(Duration.ofSeconds(7));
		assertThat(options.warmUp()).isZero();
		assertThat(options.providerArguments()).isEqualTo(List.of("--idp.crypto.provider=jdk"));
	}

	@Test
	void parseWhenAServerOrAValueIsMissingOrWrongThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> CompareOptions.parse("--jar", "a.jar"))
			.withMessageContaining("--keycloak-home");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CompareOptions.parse("--jar", "a.jar", "--keycloak-home", "kc", "--curve", "2"))
			.withMessageContaining("--curve");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CompareOptions.parse("--jar", "a.jar", "--keycloak-home", "kc", "--sign-in-concurrency", "0"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CompareOptions.parse("--jar", "a.jar", "--keycloak-home", "kc", "--bogus", "1"));
	}

}
