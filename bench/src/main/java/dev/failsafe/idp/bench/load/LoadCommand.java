package dev.failsafe.idp.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.failsafe.idp.bench.cli.RunOptions;
import dev.failsafe.idp.bench.cli.Usage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The load run's command line (README, "Benchmarks"): parsed into {@link LoadOptions}, then run. */
@Command(name = "load-run", sortOptions = false,
		description = "Runs the packaged provider under each workload at each concurrency, per store, "
				+ "and writes the JSON report.")
final class LoadCommand implements Callable<Integer> {

	@Mixin
	Usage usage;

	@Mixin
	RunOptions run = new RunOptions("target/load", "target/bench-report.json", 3, 8);

	@Option(names = "--concurrency", paramLabel = "N", split = "\\s*,\\s*", splitSynopsisLabel = ",", defaultValue = "1,8,32",
			description = "The numbers of concurrent clients each workload runs at (default ${DEFAULT-VALUE}).")
	List<Integer> concurrencies;

	@Option(names = "--stores", paramLabel = "STORE", split = "\\s*,\\s*", splitSynopsisLabel = ",", defaultValue = "embedded,redis",
			description = "The provider setups to run: embedded, redis (default ${DEFAULT-VALUE}).")
	List<String> stores;

	@Option(names = "--workloads", paramLabel = "WORKLOAD", split = "\\s*,\\s*", splitSynopsisLabel = ",",
			defaultValue = LoadOptions.ALL_WORKLOAD_NAMES, description = "The workloads to run (default ${DEFAULT-VALUE}).")
	List<String> workloads;

	@Option(names = "--limit-seconds", paramLabel = "SECONDS", defaultValue = "5",
			description = "How long each limit (OpenSSL, password hashing) is measured (default ${DEFAULT-VALUE}).")
	int limitSeconds;

	@Option(names = "--jfr", description = "Records the provider with Java Flight Recorder (<work-dir>/<store>.jfr).")
	boolean jfr;

	@Option(names = "--jvm-flag", paramLabel = "FLAG",
			description = "A further JVM flag for the provider, after its own jvm.options (repeatable), e.g. --jvm-flag=-Xmx192m.")
	List<String> jvmFlags = new ArrayList<>();

	/** The options given, validated: a refused value is a usage error. */
	LoadOptions options() {
		return this.usage.validated(
				() -> new LoadOptions(this.run.jar(), this.run.workDir(), this.run.report(), this.run.warmUp(),
					this.run.measure(), this.run.maxRequests(), this.concurrencies, this.stores, this.workloads,
					this.limitSeconds, this.jfr, this.run.providerArguments(), this.jvmFlags));
	}

	@Override
	public Integer call() throws Exception {
		LoadRun.run(options());
		return 0;
	}

}
