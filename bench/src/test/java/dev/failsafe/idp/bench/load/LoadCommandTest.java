package dev.failsafe.idp.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.failsafe.idp.bench.cli.CommandRun;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LoadCommandTest {

	@Test
	void parseWhenOnlyTheJarIsGivenThenTheDefaultsAreTheIssuesRun() {
		LoadOptions options = parse("--jar", "auth-server.jar");

		assertThat(options.jar()).isEqualTo(Path.of("auth-server.jar"));
		assertThat(options.concurrencies()).containsExactly(1, 8, 32);
		assertThat(options.stores()).containsExactly("embedded", "redis");
		assertThat(options.workloads()).isEqualTo(LoadOptions.ALL_WORKLOADS);
		assertThat(options.warmUp()).isEqualTo(Duration.ofSeconds(3));
		assertThat(options.measure()).isEqualTo(Duration.ofSeconds(8));
		assertThat(options.jfr()).isFalse();
		assertThat(options.jvmFlags()).as("the provider's own launch").isEmpty();
		assertThat(options.workDir()).isEqualTo(Path.of("target/load"));
		assertThat(options.report()).isEqualTo(Path.of("target/bench-report.json"));
		assertThat(options.maxRequests()).isEqualTo(200_000);
		assertThat(options.limitSeconds()).isEqualTo(5);
		assertThat(options.providerArguments()).isEmpty();
	}

	@Test
	void parseWhenOptionsAreGivenThenTheyWin() {
		LoadOptions options = parse("--jar", "a.jar", "--concurrency", "2,4", "--stores", "redis", "--workloads",
				"jwks,login", "--measure", "20", "--warm-up", "0", "--max-requests", "10", "--jfr",
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
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--stores", "embedded"))
			.withMessageContaining("--jar is required");
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--jar", "a", "--stores", "mongo"))
			.withMessageContaining("unknown store 'mongo'");
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--jar", "a", "--workloads", "saml"))
			.withMessageContaining("unknown workload 'saml'");
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--jar", "a", "--concurrency", "0"))
			.withMessageContaining("between 1 and 256");
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--jar", "a", "--measure", "0"))
			.withMessageContaining("must be positive");
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--jar", "a", "--nope", "1"))
			.withMessageStartingWith("Unknown option").withMessageContaining("'--nope'");
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--jar"))
			.withMessageContaining("Missing required parameter for option '--jar'");
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--jar", "a", "--measure", "ten"))
			.withMessageContaining("Invalid value for option '--measure': 'ten'");
	}

	@Test
	void executeWhenAnOptionIsUnknownThenUsageErrorAndExitCode2WithoutAStackTrace() {
		CommandRun run = CommandRun.of(new LoadCommand(), "--jar", "a.jar", "--nope", "1");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("Unknown option").contains("'--nope'").contains("Usage: load-run").doesNotContain("\tat ");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void executeWhenAValueIsRefusedThenUsageErrorAndExitCode2BeforeAnythingRuns() {
		CommandRun run = CommandRun.of(new LoadCommand(), "--jar", "a.jar", "--stores", "mongo");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("--stores: unknown store 'mongo' (embedded, redis)")
			.contains("Usage: load-run")
			.doesNotContain("\tat ");
		assertThat(run.out()).as("no limit measured, no provider started").isEmpty();
	}

	@Test
	void executeWhenHelpThenEveryOptionWithItsDefaultAndExitCode0() {
		CommandRun run = CommandRun.of(new LoadCommand(), "--help");

		assertThat(run.exitCode()).isZero();
		assertThat(run.out().replaceAll("\\s+", " ")).contains("Usage: load-run", "--jar=FILE", "--provider-arg=--NAME=VALUE", "--jvm-flag=FLAG",
				"--jfr", "(default 1,8,32)", "(default embedded,redis)", "(default 8 s)", "--workloads=WORKLOAD[,WORKLOAD...]");
		assertThat(run.err()).isEmpty();
	}

	private static LoadOptions parse(String... args) {
		return CommandRun.parsed(new LoadCommand(), args).options();
	}

}
