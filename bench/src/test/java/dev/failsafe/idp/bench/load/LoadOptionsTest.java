package dev.failsafe.idp.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoadOptionsTest {

	@Test
	void parseWhenOnlyTheJarIsGivenThenTheDefaultsAreTheIssuesRun() {
		LoadOptions options = LoadOptions.parse("--jar", "auth-server.jar");

		assertThat(options.jar()).isEqualTo(Path.of("auth-server.jar"));
		assertThat(options.concurrencies()).containsExactly(1, 8, 32);
		assertThat(options.stores()).containsExactly("embedded", "redis");
		assertThat(options.workloads()).isEqualTo(LoadOptions.ALL_WORKLOADS);
		assertThat(options.warmUp()).isEqualTo(Duration.ofSeconds(3));
		assertThat(options.measure()).isEqualTo(Duration.ofSeconds(8));
		assertThat(options.jfr()).isFalse();
		assertThat(options.jvmFlags()).as("the provider's own launch").isEmpty();
	}

	@Test
	void parseWhenOptionsAreGivenThenTheyWin() {
		LoadOptions options = LoadOptions.parse("--jar", "a.jar", "--concurrency", "2,4", "--stores", "redis",
				"--workloads", "jwks,login", "--measure", "20", "--warm-up", "0", "--max-requests", "10", "--jfr",
				"--provider-arg=--idp.crypto.provider=jdk", "--jvm-flag=-Xmx256m", "--jvm-flag=-XX:+UseG1GC");

		assertThat(options.concurrencies()).containsExactly(2, 4);
		assertThat(options.stores()).containsExactly("redis");
		assertThat(options.workloads()).containsExactly("jwks", "login");
		assertThat(options.measure()).isEqualTo(Duration.ofSeconds(20));
		assertThat(options.warmUp()).isZero();
		assertThat(options.maxRequests()).isEqualTo(10);
		assertThat(options.jfr()).isTrue();
		assertThat(options.providerArguments()).isEqualTo(List.of("--idp.crypto.provider=jdk"));
		assertThat(options.jvmFlags()).containsExactly("-Xmx256m", "-XX:+UseG1GC");
	}

	@Test
	void parseWhenSomethingIsWrongThenItSaysWhat() {
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--stores", "embedded"))
			.withMessageContaining("--jar is required");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--jar", "a", "--stores", "mongo"))
			.withMessageContaining("unknown store 'mongo'");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--jar", "a", "--workloads", "saml"))
			.withMessageContaining("unknown workload 'saml'");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--jar", "a", "--concurrency", "0"))
			.withMessageContaining("between 1 and 256");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--jar", "a", "--measure", "0"))
			.withMessageContaining("must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--jar", "a", "--nope", "1"))
			.withMessageContaining("unknown option --nope");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--jar"))
			.withMessageContaining("--jar needs a value");
	}

}
