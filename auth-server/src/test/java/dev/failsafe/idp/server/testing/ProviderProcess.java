package dev.failsafe.idp.server.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The provider as a separate operating-system process from the built jar, for tests that kill
 * whole nodes with SIGKILL. Output goes to a log file in the node's data directory.
 *
 * <p>The jar is {@code target/auth-server.jar}, or the system property {@value #JAR_PROPERTY} (how
 * other modules' tests find it). {@link #bootJar} runs any other of our Spring Boot jars the same
 * way (ready when its readiness probe says so).
 */
public final class ProviderProcess implements AutoCloseable {

	/** System property naming the provider's jar, for tests outside auth-server. */
	public static final String JAR_PROPERTY = "idp.auth-server.jar";

	/** The JVM flags Hazelcast wants on recent JDKs (as in the build's surefire argLine). */
	private static final List<String> JVM_FLAGS = List.of("--add-modules", "java.se", "--add-exports",
			"java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens",
			"java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
			"--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED", "-Xmx384m");

	private final String name;

	private final Path jar;

	private final int port;

	private final Path dataDir;

	private final List<String> arguments;

	private final Map<String, String> environment;

	private final List<String> launcher;

	private final String host;

	private Process process;

	/**
	 * @param name a name for logs and messages
	 * @param port the HTTP port
	 * @param dataDir the node's data directory (kept across restarts)
	 * @param arguments further {@code --name=value} settings
	 * @param environment extra environment variables (e.g. {@code IDP_KEK})
	 */
	public ProviderProcess(String name, int port, Path dataDir, List<String> arguments, Map<String, String> environment) {
		this(name, Path.of(System.getProperty(JAR_PROPERTY, "target/auth-server.jar")), port, dataDir,
				concat(List.of("--idp.data-dir=" + dataDir), arguments), environment, List.of(), "127.0.0.1");
	}

	private ProviderProcess(String name, Path jar, int port, Path dataDir, List<String> arguments,
			Map<String, String> environment, List<String> launcher, String host) {
		this.name = name;
		this.jar = jar;
		this.port = port;
		this.dataDir = dataDir;
		this.arguments = List.copyOf(arguments);
		this.environment = Map.copyOf(environment);
		this.launcher = List.copyOf(launcher);
		this.host = host;
	}

	/**
	 * A copy started through {@code launcher} (such as {@code ip netns exec <namespace>}) and reached
	 * at {@code host}.
	 */
	public ProviderProcess placedAt(List<String> launcher, String host) {
		return new ProviderProcess(this.name, this.jar, this.port, this.dataDir, this.arguments, this.environment,
				launcher, host);
	}

	/**
	 * Another Spring Boot jar run like the provider (same JVM flags, {@code --server.port}, log in
	 * {@code workDir/process.log}), ready when its {@code /actuator/health/readiness} answers 200.
	 */
	public static ProviderProcess bootJar(String name, Path jar, int port, Path workDir, List<String> arguments,
			Map<String, String> environment) {
		return new ProviderProcess(name, jar, port, workDir, arguments, environment, List.of(), "127.0.0.1");
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	public URI uri(String path) {
		return URI.create("http://" + this.host + ":" + this.port + path);
	}

	public int port() {
		return this.port;
	}

	/** Starts the process (not waiting for it to be ready). */
	public ProviderProcess start() throws IOException {
		if (!Files.isRegularFile(this.jar)) {
			throw new IllegalStateException(this.jar.toAbsolutePath() + " is missing: run the build's package phase first");
		}
		Files.createDirectories(this.dataDir);
		List<String> command = new ArrayList<>(this.launcher);
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(JVM_FLAGS);
		command.addAll(List.of("-jar", this.jar.toString(), "--server.port=" + this.port));
		command.addAll(this.arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.dataDir.resolve("process.log").toFile()));
		builder.environment().putAll(this.environment);
		this.process = builder.start();
		return this;
	}

	/** Waits until readiness answers 200, or fails with the end of the node's log. */
	public void awaitReady(Duration timeout) throws IOException, InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited: " + logTail());
			}
			if (readiness() == 200) {
				return;
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException(this.name + " not ready within " + timeout + ": " + logTail());
	}

	/** The operating-system process id of the current run. */
	public long pid() {
		return this.process.pid();
	}

	/** Whether the process runs (started and not exited). */
	public boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	/** SIGKILL: no shutdown hook, nothing flushed, as when a site burns. */
	public void kill() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly();
			this.process.waitFor();
		}
	}

	@Override
	public void close() throws InterruptedException {
		kill();
	}

	private int readiness() {
		try {
			HttpURLConnection connection = (HttpURLConnection) uri("/actuator/health/readiness").toURL().openConnection();
			connection.setConnectTimeout(500);
			connection.setReadTimeout(2000);
			return connection.getResponseCode();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/** The last lines of the process's output, for failure messages. */
	public String logTail() throws IOException {
		List<String> lines = Files.readAllLines(this.dataDir.resolve("process.log"));
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
	}

}
