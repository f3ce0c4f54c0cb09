package dev.failsafe.idp.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one load run does, from its command line ({@code --name value}; every option has a default
 * except {@code --jar}).
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

	/** Every workload, in the order of the table. */
	public static final List<String> ALL_WORKLOADS = List.of("client_credentials", "login", "refresh", "introspection",
			"userinfo", "jwks");

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

	/**
	 * Parses {@code --name value} pairs; {@code --jfr}, {@code --provider-arg=...} and
	 * {@code --jvm-flag=...} stand alone.
	 */
	public static LoadOptions parse(String... args) {
		Path jar = null;
		Path workDir = Path.of("target/load");
		Path report = Path.of("target/bench-report.json");
		Duration warmUp = Duration.ofSeconds(3);
		Duration measure = Duration.ofSeconds(8);
		int maxRequests = 200_000;
		List<Integer> concurrencies = List.of(1, 8, 32);
		List<String> stores = List.of("embedded", "redis");
		List<String> workloads = ALL_WORKLOADS;
		int limitSeconds = 5;
		boolean jfr = false;
		List<String> providerArguments = new ArrayList<>();
		List<String> jvmFlags = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String name = args[i];
			if (name.equals("--jfr")) {
				jfr = true;
				continue;
			}
			if (name.startsWith("--provider-arg=")) {
				providerArguments.add(name.substring("--provider-arg=".length()));
				continue;
			}
			if (name.startsWith("--jvm-flag=")) {
				jvmFlags.add(name.substring("--jvm-flag=".length()));
				continue;
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException(name + " needs a value");
			}
			String value = args[++i];
			switch (name) {
				case "--jar" -> jar = Path.of(value);
				case "--work-dir" -> workDir = Path.of(value);
				case "--report" -> report = Path.of(value);
				case "--warm-up" -> warmUp = Duration.ofSeconds(Long.parseLong(value));
				case "--measure" -> measure = Duration.ofSeconds(Long.parseLong(value));
				case "--max-requests" -> maxRequests = Integer.parseInt(value);
				case "--concurrency" -> concurrencies = Arrays.stream(value.split(",")).map(Integer::valueOf).toList();
				case "--stores" -> stores = List.of(value.split(","));
				case "--workloads" -> workloads = List.of(value.split(","));
				case "--limit-seconds" -> limitSeconds = Integer.parseInt(value);
				default -> throw new IllegalArgumentException("unknown option " + name);
			}
		}
		return new LoadOptions(jar, workDir, report, warmUp, measure, maxRequests, concurrencies, stores, workloads,
				limitSeconds, jfr, providerArguments, jvmFlags);
	}

}
