package dev.failsafe.idp.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.failsafe.idp.testing.Ports;
import dev.failsafe.idp.testing.provider.ProviderProcess;

/**
 * The packaged provider as its own process (the test kit's {@link ProviderProcess}: its JVM flags
 * from {@code jvm.options}) on a free loopback port, with a fresh data directory (so the demo tenant
 * is seeded anew), its output in {@code provider.log} there. Reads the process's heap (Micrometer's
 * {@code jvm_memory_used_bytes}) and resident memory ({@code /proc}).
 */
public final class ProviderUnderTest implements AutoCloseable {

	/** The provider serves its metrics only to this bearer token (idp.metrics.token-file). */
	private static final String METRICS_TOKEN = "bench-metrics-" + java.util.UUID.randomUUID();

	private static final Pattern HEAP_USED = Pattern
		.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.Ee+-]+)$");

	private final ProviderProcess process;

	private final Http http;

	private ProviderUnderTest(ProviderProcess process, Http http) {
		this.process = process;
		this.http = http;
	}

	/**
	 * Starts the jar and waits until readiness answers 200.
	 * @param jvmFlags JVM flags after the provider's own ({@code jvm.options})
	 * @param recording a Flight Recorder file to write, or null for none
	 */
	public static ProviderUnderTest start(Path jar, Path dataDir, List<String> arguments, List<String> jvmFlags,
			Path recording) throws IOException {
		ProviderUnderTest provider = launch(jar, dataDir, arguments, jvmFlags, recording);
		provider.awaitReady(Duration.ofSeconds(120));
		return provider;
	}

	/**
	 * Starts the jar and returns at once, before it listens (the side-by-side run measures from
	 * launch); {@link #awaitReady} waits for it.
	 * @param jvmFlags JVM flags after the provider's own ({@code jvm.options})
	 * @param recording a Flight Recorder file to write, or null for none
	 */
	public static ProviderUnderTest launch(Path jar, Path dataDir, List<String> arguments, List<String> jvmFlags,
			Path recording) throws IOException {
		Files.createDirectories(dataDir);
		int port = Ports.free();
		URI issuer = URI.create("http://127.0.0.1:" + port);
		Path metricsToken = dataDir.resolve("metrics.token");
		Files.writeString(metricsToken, METRICS_TOKEN);
		// Every simulated sign-in is alice's from this one address, up to 32 at once: login throttling
		// (which counts attempts in flight) still runs, with limits no load step reaches.
		List<String> settings = new ArrayList<>(List.of("--idp.issuer=" + issuer,
				"--idp.data-dir=" + dataDir.toAbsolutePath(), "--idp.hazelcast.port=" + Ports.free(),
				"--idp.metrics.token-file=" + metricsToken.toAbsolutePath(), "--idp.login.max-failures-per-pair=100000",
				"--idp.login.max-failures-per-address=100000", "--idp.login.max-failures-per-account=100000"));
		settings.addAll(arguments);
		List<String> flags = new ArrayList<>(jvmFlags);
		if (recording != null) {
			flags.add("-XX:StartFlightRecording=settings=profile,filename=" + recording.toAbsolutePath());
		}
		ProviderProcess process = ProviderProcess.bootJar("provider", jar.toAbsolutePath(), port, dataDir, settings,
				Map.of())
			.withJvmFlags(flags)
			.withLog(dataDir.resolve("provider.log"));
		process.start();
		return new ProviderUnderTest(process, new Http(issuer));
	}

	/** Waits until readiness answers 200; fails when the process exits or the time is up. */
	public void awaitReady(Duration timeout) {
		this.process.awaitReady(timeout);
	}

	public Http http() {
		return this.http;
	}

	public long pid() {
		return this.process.pid();
	}

	/** Heap in use now, in bytes, as the provider's own metrics report it. */
	public long heapUsedBytes() throws IOException, InterruptedException {
		String metrics = Http.expect(this.http.get("/actuator/prometheus", "Authorization", "Bearer " + METRICS_TOKEN),
				200).body();
		Matcher matcher = HEAP_USED.matcher(metrics);
		double used = 0;
		while (matcher.find()) {
			used += Double.parseDouble(matcher.group(1));
		}
		return (long) used;
	}

	/** Resident set size now ({@code VmRSS}) and its peak ({@code VmHWM}), in bytes. */
	public long[] residentBytes() throws IOException {
		return residentBytes(pid());
	}

	/** Resident set size now ({@code VmRSS}) and its peak ({@code VmHWM}) of process {@code pid}, in bytes. */
	public static long[] residentBytes(long pid) throws IOException {
		List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
		return new long[] { kib(status, "VmRSS:") * 1024, kib(status, "VmHWM:") * 1024 };
	}

	private static long kib(List<String> status, String field) {
		return status.stream()
			.filter(line -> line.startsWith(field))
			.map(line -> Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]))
			.findFirst()
			.orElse(0L);
	}

	/** Stops the provider (SIGTERM, so a Flight Recorder recording is written), SIGKILL after 30 s. */
	@Override
	public void close() {
		this.process.stop(Duration.ofSeconds(30));
	}

}
