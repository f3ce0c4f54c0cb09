package dev.failsafe.idp.bench.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged provider as its own process on a free loopback port, with a fresh data directory
 * (so the demo tenant is seeded anew), its output in {@code provider.log} there. Reads the
 * process's heap (Micrometer's {@code jvm_memory_used_bytes}) and resident memory ({@code /proc}).
 */
public final class ProviderUnderTest implements AutoCloseable {

	/** The JVM flags Hazelcast wants on recent JDKs (as the build's test flags), and a fixed heap ceiling. */
	static final List<String> JVM_FLAGS = List.of("--add-modules", "java.se", "--add-exports",
			"java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens",
			"java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
			"--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
			"--enable-native-access=ALL-UNNAMED", "-Xmx512m");

	private static final Pattern HEAP_USED = Pattern
		.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.Ee+-]+)$");

	private final Path dataDir;

	private final Process process;

	private final Http http;

	private ProviderUnderTest(Path dataDir, Process process, Http http) {
		this.dataDir = dataDir;
		this.process = process;
		this.http = http;
	}

	/**
	 * Starts the jar and waits until readiness answers 200.
	 * @param recording a Flight Recorder file to write, or null for none
	 */
	public static ProviderUnderTest start(Path jar, Path dataDir, List<String> arguments, Path recording)
			throws IOException, InterruptedException {
		ProviderUnderTest provider = launch(jar, dataDir, arguments, recording);
		provider.awaitReady(Duration.ofSeconds(120));
		return provider;
	}

	/**
	 * Starts the jar and returns at once, before it listens (the side-by-side run measures from
	 * launch); {@link #awaitReady} waits for it.
	 * @param recording a Flight Recorder file to write, or null for none
	 */
	public static ProviderUnderTest launch(Path jar, Path dataDir, List<String> arguments, Path recording)
			throws IOException {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar.toAbsolutePath() + " is missing: package auth-server first");
		}
		Files.createDirectories(dataDir);
		int port = freePort();
		URI issuer = URI.create("http://127.0.0.1:" + port);
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		command.addAll(JVM_FLAGS);
		if (recording != null) {
			command.add("-XX:StartFlightRecording=settings=profile,filename=" + recording.toAbsolutePath());
		}
		command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--server.port=" + port,
				"--idp.issuer=" + issuer, "--idp.data-dir=" + dataDir.toAbsolutePath(),
				"--idp.hazelcast.port=" + freePort()));
		command.addAll(arguments);
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(dataDir.resolve("provider.log").toFile())
			.start();
		return new ProviderUnderTest(dataDir, process, new Http(issuer));
	}

	public Http http() {
		return this.http;
	}

	public long pid() {
		return this.process.pid();
	}

	/** Heap in use now, in bytes, as the provider's own metrics report it. */
	public long heapUsedBytes() throws IOException, InterruptedException {
		String metrics = Http.expect(this.http.get("/actuator/prometheus"), 200).body();
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

	/** Waits until readiness answers 200; fails when the process exits or the time is up. */
	public void awaitReady(Duration timeout) throws IOException, InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("the provider exited; see " + this.dataDir.resolve("provider.log"));
			}
			try {
				HttpResponse<String> readiness = this.http.get("/actuator/health/readiness");
				if (readiness.statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("the provider was not ready within " + timeout + "; see "
				+ this.dataDir.resolve("provider.log"));
	}

	/** Stops the provider (SIGTERM, so a Flight Recorder recording is written), SIGKILL after 30 s. */
	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
