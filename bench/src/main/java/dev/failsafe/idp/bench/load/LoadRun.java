package dev.failsafe.idp.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import dev.failsafe.idp.bench.cli.BenchCommandLine;
import dev.failsafe.idp.bench.profile.ProfileSummary;
import dev.failsafe.idp.testing.redis.RedisServer;

/**
 * The load run (README, "Benchmarks"): measures the limits, then for each store starts the packaged
 * provider on loopback, runs every workload at every concurrency, reads the provider's memory, stops
 * it; measures the limits again; prints one table and writes the JSON report. Every step is bounded
 * in time and in requests ({@link LoadOptions}).
 */
public final class LoadRun {

	private LoadRun() {
	}

	/** Runs the command line's load run ({@code --help} lists the options); exits 2 on bad usage. */
	public static void main(String[] args) {
		BenchCommandLine.exit(new LoadCommand(), args);
	}

	/** Runs what {@code options} say. */
	static void run(LoadOptions options) throws Exception {
		BenchReport.Machine machine = machine();
		double loadAtStart = loadAverage();
		System.out.printf(Locale.ROOT, "load run on %s (%d cores), load average %.2f%n", machine.cpu(), machine.cores(),
				loadAtStart);
		Limits before = Limits.measure(options.limitSeconds());
		System.out.println("limits before: " + before);
		List<StoreRun> runs = new ArrayList<>();
		for (String store : options.stores()) {
			runs.add(runStore(store, options));
		}
		Limits after = Limits.measure(options.limitSeconds());
		System.out.println("limits after: " + after);
		BenchReport report = BenchReport.of(machine, loadAtStart, before, after, runs);
		System.out.println();
		System.out.print(report.table());
		report.write(options.report());
		System.out.println("report: " + options.report().toAbsolutePath());
	}

	private static StoreRun runStore(String store, LoadOptions options) throws Exception {
		Path dataDir = options.workDir().resolve(store);
		deleteRecursively(dataDir);
		List<String> arguments = new ArrayList<>(options.providerArguments());
		Path recording = options.jfr() ? options.workDir().resolve(store + ".jfr") : null;
		StoreRun run = measureStore(store, options, dataDir, arguments, recording);
		if (recording != null) {
			// The provider has stopped and written the recording; it ends with the last step and its limit.
			System.out.print(ProfileSummary.text(recording, options.measure().plusSeconds(options.limitSeconds())));
		}
		return run;
	}

	private static StoreRun measureStore(String store, LoadOptions options, Path dataDir, List<String> arguments,
			Path recording) throws Exception {
		try (RedisPair redis = store.equals("redis") ? RedisPair.start() : null) {
			if (redis != null) {
				arguments.addAll(redis.providerArguments());
			}
			try (ProviderUnderTest provider = ProviderUnderTest.start(options.jar(), dataDir, arguments,
					options.jvmFlags(), recording)) {
				System.out.printf(Locale.ROOT, "%s: provider pid %d at %s%n", store, provider.pid(), provider.http().base());
				Workloads workloads = new Workloads(provider.http(), DemoTenant.README);
				workloads.login().signIn();
				LoadDriver driver = new LoadDriver(options.warmUp(), options.measure(), options.maxRequests());
				List<Measurement> measurements = new ArrayList<>();
				double[] opensslAround = new double[2];
				double[] hashesAround = new double[2];
				for (String workload : options.workloads()) {
					int limitSeconds = options.limitSeconds();
					if (workload.equals("client_credentials")) {
						opensslAround[0] = Limits.opensslSignsPerSecond(limitSeconds);
					}
					if (workload.equals("login")) {
						hashesAround[0] = Limits.passwordHashesPerSecond(limitSeconds);
					}
					for (int concurrency : options.concurrencies()) {
						Measurement m = driver.run(workload, workloads.named(workload), concurrency,
								() -> ProcessCpu.nanos(provider.pid()));
						measurements.add(m);
						System.out.printf(Locale.ROOT,
								"%-9s %-19s c=%-3d %9.1f/s p50 %7.1f ms p99 %7.1f ms cpu %.2f ms/op errors %d (load %.2f)%n",
								store, workload, concurrency, m.perSecond(), m.p50Millis(), m.p99Millis(),
								m.serverCpuMillisPerOperation(), m.errors(), loadAverage());
					}
					if (workload.equals("client_credentials")) {
						opensslAround[1] = Limits.opensslSignsPerSecond(limitSeconds);
					}
					if (workload.equals("login")) {
						hashesAround[1] = Limits.passwordHashesPerSecond(limitSeconds);
					}
				}
				long[] resident = provider.residentBytes();
				return new StoreRun(store, measurements, provider.heapUsedBytes(), resident[0], resident[1],
						loadAverage(), (opensslAround[0] + opensslAround[1]) / 2, (hashesAround[0] + hashesAround[1]) / 2);
			}
		}
	}

	public static BenchReport.Machine machine() throws IOException, InterruptedException {
		String cpu = Files.readAllLines(Path.of("/proc/cpuinfo"))
			.stream()
			.filter(line -> line.startsWith("model name"))
			.map(line -> line.substring(line.indexOf(':') + 1).trim())
			.findFirst()
			.orElse("unknown CPU");
		Process openssl = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
		String version = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		openssl.waitFor();
		return new BenchReport.Machine(cpu, Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.vm.vendor") + " " + Runtime.version(), version);
	}

	/** The 1-minute load average. */
	public static double loadAverage() throws IOException {
		return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	/** A Redis primary and one replica in sync, on loopback, for the provider's "with Redis" setup. */
	private record RedisPair(RedisServer primary, RedisServer replica) implements AutoCloseable {

		static RedisPair start() {
			RedisServer primary = RedisServer.start();
			RedisServer replica = RedisServer.startReplicaOf(primary);
			primary.awaitInSync(1, Duration.ofSeconds(30));
			return new RedisPair(primary, replica);
		}

		/** Boot's Redis settings; the provider waits for one replica's acknowledgement (its default). */
		List<String> providerArguments() {
			return List.of("--spring.data.redis.host=" + this.primary.host(),
					"--spring.data.redis.port=" + this.primary.port(), "--idp.redis.replicas-to-ack=1");
		}

		@Override
		public void close() {
			this.replica.close();
			this.primary.close();
		}

	}

}
