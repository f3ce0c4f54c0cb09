package dev.failsafe.idp.bench.compare;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import dev.failsafe.idp.bench.cli.BenchCommandLine;
import dev.failsafe.idp.bench.cli.HelpOption;
import dev.failsafe.idp.bench.cli.ProviderOptions;
import dev.failsafe.idp.bench.cli.Seconds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The side-by-side run's command line (README, "Side by side with Keycloak"): parsed into
 * {@link CompareOptions}, then run.
 */
@Command(name = "side-by-side", sortOptions = false,
		description = "Runs the packaged provider and Keycloak on the same workloads, one after the other, "
				+ "and writes the JSON report with the ratios.")
final class CompareCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	HelpOption help;

	@Mixin
	ProviderOptions provider;

	@Option(names = "--keycloak-home", paramLabel = "DIR", description = "The unpacked Keycloak distribution; required.")
	Path keycloakHome;

	@Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "target/compare",
			description = "Where data directories and logs go (default ${DEFAULT-VALUE}).")
	Path workDir;

	@Option(names = "--report", paramLabel = "FILE", defaultValue = "target/compare-report.json",
			description = "Where the JSON report is written (default ${DEFAULT-VALUE}).")
	Path report;

	@Option(names = "--warm-up", paramLabel = "SECONDS", defaultValue = "5", converter = Seconds.class,
			description = "How long each step runs before it is measured (default ${DEFAULT-VALUE} s).")
	Duration warmUp;

	@Option(names = "--measure", paramLabel = "SECONDS", defaultValue = "10", converter = Seconds.class,
			description = "How long each step is measured (default ${DEFAULT-VALUE} s).")
	Duration measure;

	@Option(names = "--max-requests", paramLabel = "N", defaultValue = "200000",
			description = "The most requests one step sends while measured (default ${DEFAULT-VALUE}).")
	int maxRequests;

	@Option(names = "--token-concurrency", paramLabel = "N", split = "\\s*,\\s*", splitSynopsisLabel = ",", defaultValue = "1,8,32",
			description = "The concurrencies of the client_credentials steps (default ${DEFAULT-VALUE}).")
	List<Integer> tokenConcurrency;

	@Option(names = "--jwks-concurrency", paramLabel = "N", split = "\\s*,\\s*", splitSynopsisLabel = ",", defaultValue = "8,32",
			description = "The concurrencies of the JWKS steps (default ${DEFAULT-VALUE}).")
	List<Integer> jwksConcurrency;

	@Option(names = "--sign-in-concurrency", paramLabel = "N", split = "\\s*,\\s*", splitSynopsisLabel = ",", defaultValue = "4,8",
			description = "The concurrencies of the sign-in steps (default ${DEFAULT-VALUE}).")
	List<Integer> signInConcurrency;

	@Option(names = "--curve", paramLabel = "SECONDS", defaultValue = "60", converter = Seconds.class,
			description = "How long the warm-up curve runs from each launch (default ${DEFAULT-VALUE} s).")
	Duration curve;

	@Option(names = "--curve-window", paramLabel = "SECONDS", defaultValue = "5", converter = Seconds.class,
			description = "The length of each window of the curve (default ${DEFAULT-VALUE} s).")
	Duration curveWindow;

	@Option(names = "--curve-clients", paramLabel = "N", defaultValue = "8",
			description = "Concurrent client_credentials clients during the curve (default ${DEFAULT-VALUE}).")
	int curveClients;

	/** The options given, validated: a refused value is a usage error. */
	CompareOptions options() {
		return BenchCommandLine.validated(this.spec,
				() -> new CompareOptions(this.provider.jar(), this.keycloakHome, this.workDir, this.report, this.warmUp,
						this.measure, this.maxRequests, this.tokenConcurrency, this.jwksConcurrency,
						this.signInConcurrency, this.curve, this.curveWindow, this.curveClients, this.provider.arguments()));
	}

	@Override
	public Integer call() throws Exception {
		SideBySideRun.run(options());
		return 0;
	}

}
