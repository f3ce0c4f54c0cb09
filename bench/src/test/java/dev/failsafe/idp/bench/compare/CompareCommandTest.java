package dev.failsafe.idp.bench.compare;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.failsafe.idp.bench.cli.CommandRun;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CompareCommandTest {

	@Test
	void parseWhenOnlyTheServersAreGivenThenTheIssuesWorkloads() {
		CompareOptions options = parse("--jar", "auth-server.jar", "--keycloak-home", "kc");

		assertThat(options.jar()).isEqualTo(Path.of("auth-server.jar"));
		assertThat(options.keycloakHome()).isEqualTo(Path.of("kc"));
		assertThat(options.tokenConcurrency()).containsExactly(1, 8, 32);
		assertThat(options.signInConcurrency()).containsExactly(4, 8);
		assertThat(options.curve()).isEqualTo(Duration.ofSeconds(60));
		assertThat(options.curveWindow()).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.jwksConcurrency()).containsExactly(8, 32);
		assertThat(options.warmUp()).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.measure()).isEqualTo(Duration.ofSeconds(10));
		assertThat(options.maxRequests()).isEqualTo(200_000);
		assertThat(options.curveClients()).isEqualTo(8);
		assertThat(options.workDir()).isEqualTo(Path.of("target/compare"));
		assertThat(options.report()).isEqualTo(Path.of("target/compare-report.json"));
		assertThat(options.providerArguments()).isEmpty();
	}

	@Test
	void parseWhenOptionsAreGivenThenTheyWin() {
		CompareOptions options = parse("--jar", "a.jar", "--keycloak-home", "kc", "--token-concurrency", "2",
				"--jwks-concurrency", "3, 4", "--sign-in-concurrency", "1", "--curve", "10", "--curve-window", "2",
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
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--jar", "a.jar"))
			.withMessageContaining("--keycloak-home");
		assertThatExceptionOfType(ParameterException.class)
			.isThrownBy(() -> parse("--jar", "a.jar", "--keycloak-home", "kc", "--curve", "2"))
			.withMessageContaining("--curve");
		assertThatExceptionOfType(ParameterException.class)
			.isThrownBy(() -> parse("--jar", "a.jar", "--keycloak-home", "kc", "--sign-in-concurrency", "0"))
			.withMessageContaining("concurrency between 1 and 256 each: [0]");
		assertThatExceptionOfType(ParameterException.class)
			.isThrownBy(() -> parse("--jar", "a.jar", "--keycloak-home", "kc", "--bogus", "1"))
			.withMessageStartingWith("Unknown option").withMessageContaining("'--bogus'");
		assertThatExceptionOfType(ParameterException.class)
			.isThrownBy(() -> parse("--jar", "a.jar", "--keycloak-home", "kc", "--token-concurrency", "1,x"))
			.withMessageContaining("Invalid value for option '--token-concurrency'");
	}

	@Test
	void executeWhenAnOptionIsUnknownThenUsageErrorAndExitCode2WithoutAStackTrace() {
		CommandRun run = CommandRun.of(new CompareCommand(), "--jar", "a.jar", "--keycloak-home", "kc", "--bogus", "1");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("Unknown option").contains("'--bogus'").contains("Usage: side-by-side").doesNotContain("\tat ");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void executeWhenAServerIsMissingThenUsageErrorAndExitCode2BeforeAnythingRuns() {
		CommandRun run = CommandRun.of(new CompareCommand(), "--jar", "a.jar");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("--keycloak-home (unpacked Keycloak) are required").doesNotContain("\tat ");
		assertThat(run.out()).as("no hash measured, no server started").isEmpty();
	}

	@Test
	void executeWhenHelpThenEveryOptionWithItsDefaultAndExitCode0() {
		CommandRun run = CommandRun.of(new CompareCommand(), "--help");

		assertThat(run.exitCode()).isZero();
		assertThat(run.out().replaceAll("\\s+", " ")).contains("Usage: side-by-side", "--jar=FILE", "--keycloak-home=DIR",
				"--provider-arg=--NAME=VALUE", "--curve-window=SECONDS", "(default 4,8)", "(default 60 s)");
		assertThat(run.err()).isEmpty();
	}

	private static CompareOptions parse(String... args) {
		return CommandRun.parsed(new CompareCommand(), args).options();
	}

}
