package dev.failsafe.idp.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one load run does, as its command line ({@link LoadCommand}) gives it; refuses what cannot
 * run.
 *
 * @param jar the packaged provider ({@code auth-server/target/auth-server.jar})
 * @param workDir where the provider's data directories, logs and recordings go (emptied per store)
 * @param report where the JSON report is written
 * @param warmUp how long each step runs before it is measured
 * @param measure how long each step is measured
 * @param maxRequests the most requests one step sends while measured, whatever its time
 * @param concurrencies the numbers of concurrent clients each workload runs at
 * @param stores the provider setups to run: {@code embedded}, {@code redis}
 * @param workloads the workloads to run, by {@link Workload} name
 * @param limitSeconds how long each limit (OpenSSL, password hashing) is measured
 * @param jfr whether the provider runs with a Java Flight Recorder recording (profile settings)
 * @param providerArguments further {@code --name=value} settings for the provider
 * @param jvmFlags further JVM flags for the provider, after its own {@code jvm.options} (none by default:
 *        the provider runs as its own launch runs it)
 */
public record LoadOptions(Path jar, Path workDir, Path report, Duration warmUp, Duration measure, int maxRequests,
		List<Integer> concurrencies, List<String> stores, List<String> workloads, int limitSeconds, boolean jfr,
		List<String> providerArguments, List<String> jvmFlags) {

	/** Every workload, in the order of the table, comma-separated (the command line's default). */
	static final String ALL_WORKLOAD_NAMES = "client_credentials,login,refresh,introspection,userinfo,jwks";

	/** Every workload, in the order of the table. */
	public static final List<String> ALL_WORKLOADS = List.of(ALL_WORKLOAD_NAMES.split(","));

	public LoadOptions {
		concurrencies = List.copyOf(concurrencies);
		stores = List.copyOf(stores);
		workloads = List.copyOf(workloads);
		providerArguments = List.copyOf(providerArguments);
		jvmFlags = List.copyOf(jvmFlags);
		if (jar == null) {
			throw new IllegalArgumentException("--jar is required: the packaged provider (auth-server/target/auth-server.jar)");
		}
		for (String store : stores) {
			if (!store.equals("embedded") && !store.equals("redis")) {
				throw new IllegalArgumentException("--stores: unknown store '" + store + "' (embedded, redis)");
			}
		}
		for (String workload : workloads) {
			if (!ALL_WORKLOADS.contains(workload)) {
				throw new IllegalArgumentException("--workloads: unknown workload '" + workload + "' " + ALL_WORKLOADS);
			}
		}
		if (concurrencies.isEmpty() || concurrencies.stream().anyMatch(c -> c < 1 || c > 256)) {
			throw new IllegalArgumentException("--concurrency: between 1 and 256 each: " + concurrencies);
		}
		if (maxRequests < 1 || measure.isNegative() || measure.isZero() || warmUp.isNegative()) {
			throw new IllegalArgumentException("--max-requests, --measure and --warm-up must be positive");
		}
	}

}
