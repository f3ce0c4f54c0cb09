package dev.failsafe.idp.bench.compare;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import dev.failsafe.idp.bench.cli.RunOptions;
import dev.failsafe.idp.bench.cli.Usage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The side-by-side run's command line (README, "Side by side with Keycloak"): parsed into
 * {@link CompareOptions}, then run.
 */
@Command(name = "side-by-side", sortOptions = false,
		description = "Runs the packaged provider and Keycloak on the same workloads, one after the other, "
				+ "and writes the JSON report with the ratios.")
final class CompareCommand implements Callable<Integer> {

	@Mixin
	Usage usage;

	@Mixin
	RunOptions run = new RunOptions("target/compare", "target/compare-report.json", 5, 10);

	@Option(names = "--keycloak-home", paramLabel = "DIR", description = "The unpacked Keycloak distribution; required.")
	Path keycloakHome;

	@Option(names = "--token-concurrency", paramLabel = "N", split = "\\s*,\\s*", splitSynopsisLabel = ",", defaultValue = "1,8,32",
			description = "The concurrencies of the client_credentials steps (default ${DEFAULT-VALUE}).")
	List<Integer> tokenConcurrency;

	@Option(names = "--jwks-concurrency", paramLabel = "N", split = "\\s*,\\s*", splitSynopsisLabel = ",", defaultValue = "8,32",
			description = "The concurrencies of the JWKS steps (default ${DEFAULT-VALUE}).")
	List<Integer> jwksConcurrency;

	@Option(names = "--sign-in-concurrency", paramLabel = "N", split = "\\s*,\\s*", splitSynopsisLabel = ",", defaultValue = "4,8",
			description = "The concurrencies of the sign-in steps (default ${DEFAULT-VALUE}).")
	List<Integer> signInConcurrency;

	@Option(names = "--curve", paramLabel = "SECONDS", defaultValue = "60",
			description = "How long the warm-up curve runs from each launch (default ${DEFAULT-VALUE} s).")
	long curveSeconds;

	@Option(names = "--curve-window", paramLabel = "SECONDS", defaultValue = "5",
			description = "The length of each window of the curve (default ${DEFAULT-VALUE} s).")
	long curveWindowSeconds;

	@Option(names = "--curve-clients", paramLabel = "N", defaultValue = "8",
			description = "Concurrent client_credentials clients during the curve (default ${DEFAULT-VALUE}).")
	int curveClients;

	/** The options given, validated: a refused value is a usage error. */
	CompareOptions options() {
		return this.usage.validated(
				() -> new CompareOptions(this.run.jar(), this.keycloakHome, this.run.workDir(), this.run.report(),
					this.run.warmUp(), this.run.measure(), this.run.maxRequests(), this.tokenConcurrency,
					this.jwksConcurrency, this.signInConcurrency, Duration.ofSeconds(this.curveSeconds),
					Duration.ofSeconds(this.curveWindowSeconds), this.curveClients, this.run.providerArguments()));
	}

	@Override
	public Integer call() throws Exception {
		SideBySideRun.run(options());
		return 0;
	}

}
