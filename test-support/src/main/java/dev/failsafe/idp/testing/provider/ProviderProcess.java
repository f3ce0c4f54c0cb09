package dev.failsafe.idp.testing.provider;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.LoggedProcess;
import dev.failsafe.idp.testing.Ports;
import dev.failsafe.idp.testing.Wait;

/**
 * The provider as a separate operating-system process from the built jar (or any other of our Spring
 * Boot jars, {@link #bootJar}), for tests that kill whole nodes with SIGKILL, run it in a network
 * namespace, or just need it apart from the test's JVM. It runs
 * {@code java @jvm.options <jvm flags> -jar <jar> --server.port=<port> <arguments>}: the provider's
 * own JVM flags from {@link JvmOptions}, then this launch's ({@code -Xmx384m} unless
 * {@link #withJvmFlags} says otherwise). Output goes to {@code process.log} in its directory (or
 * {@link #withLog}); it is ready when {@code /actuator/health/readiness} answers 200.
 *
 * <p>The provider's jar is {@value #JAR_PROPERTY} (the build sets it), else
 * {@code auth-server/target/auth-server.jar} found by walking up from the working directory.
 * Immutable until started: {@link #placedAt}, {@link #withJvmFlags} and {@link #withLog} answer copies.
 */
public final class ProviderProcess implements Provider, AutoCloseable {

	/** System property naming the provider's jar. */
	public static final String JAR_PROPERTY = "idp.auth-server.jar";

	/** The flags a launch adds after the provider's own unless told otherwise: a heap fit for tests. */
	public static final List<String> DEFAULT_JVM_FLAGS = List.of("-Xmx384m");

	private static final Path RELATIVE_JAR = Path.of("auth-server", "target", "auth-server.jar");

	private static final Duration POLL = Duration.ofMillis(200);

	private final Launch launch;

	private LoggedProcess process;

	/**
	 * The provider, with {@code --idp.data-dir=dataDir}.
	 * @param name a name for logs and messages
	 * @param port the HTTP port
	 * @param dataDir the node's data directory (kept across restarts; its log goes there)
	 * @param arguments further {@code --name=value} settings
	 * @param environment extra environment variables (e.g. {@code IDP_KEK})
	 */
	public ProviderProcess(String name, int port, Path dataDir, List<String> arguments, Map<String, String> environment) {
		this(new Launch(name, jar(), "127.0.0.1", port, dataDir.resolve("process.log"), DEFAULT_JVM_FLAGS,
				concat(List.of("--idp.data-dir=" + dataDir), arguments), environment, List.of(), dataDir));
	}

	private ProviderProcess(Launch launch) {
		this.launch = launch;
	}

	/**
	 * A provider on its own on loopback: a free HTTP port that is also its issuer
	 * ({@code http://localhost:<port>}, so discovery, tokens and requests agree), a free Hazelcast
	 * port, data in {@code dataDir}, plus {@code settings}.
	 */
	public static ProviderProcess standalone(String name, Path dataDir, String... settings) {
		return standalone(name, Ports.free(), dataDir, settings);
	}

	/** {@link #standalone(String, Path, String...)} on a given HTTP port. */
	public static ProviderProcess standalone(String name, int port, Path dataDir, String... settings) {
		List<String> arguments = new ArrayList<>(List.of("--idp.issuer=http://localhost:" + port,
				"--idp.hazelcast.port=" + Ports.free(), "--logging.structured.format.console="));
		arguments.addAll(List.of(settings));
		return new ProviderProcess(name, port, dataDir, arguments, Map.of());
	}

	/**
	 * Another Spring Boot jar run the same way ({@code --server.port}, log in
	 * {@code workDir/process.log}), ready when its readiness probe answers 200.
	 */
	public static ProviderProcess bootJar(String name, Path jar, int port, Path workDir, List<String> arguments,
			Map<String, String> environment) {
		return new ProviderProcess(new Launch(name, jar, "127.0.0.1", port, workDir.resolve("process.log"),
				DEFAULT_JVM_FLAGS, arguments, environment, List.of(), workDir));
	}

	/** The provider's packaged jar. */
	public static Path jar() {
		String configured = System.getProperty(JAR_PROPERTY);
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured).toAbsolutePath().normalize();
		}
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isDirectory(dir.resolve("auth-server"))) {
				return dir.resolve(RELATIVE_JAR);
			}
		}
		return RELATIVE_JAR.toAbsolutePath();
	}

	/**
	 * A copy started through {@code launcher} (such as {@code ip netns exec <namespace>}) and reached
	 * at {@code host}.
	 */
	public ProviderProcess placedAt(List<String> launcher, String host) {
		Launch l = this.launch;
		return new ProviderProcess(new Launch(l.name, l.jar, host, l.port, l.log, l.jvmFlags, l.arguments,
				l.environment, launcher, l.workDir));
	}

	/** A copy with these JVM flags after the provider's own, instead of {@link #DEFAULT_JVM_FLAGS}. */
	public ProviderProcess withJvmFlags(List<String> jvmFlags) {
		Launch l = this.launch;
		return new ProviderProcess(new Launch(l.name, l.jar, l.host, l.port, l.log, jvmFlags, l.arguments,
				l.environment, l.launcher, l.workDir));
	}

	/** A copy writing its output to {@code log}. */
	public ProviderProcess withLog(Path log) {
		Launch l = this.launch;
		return new ProviderProcess(new Launch(l.name, l.jar, l.host, l.port, log, l.jvmFlags, l.arguments,
				l.environment, l.launcher, l.workDir));
	}

	/** The command line {@link #start()} runs. */
	public List<String> command() {
		List<String> command = new ArrayList<>(this.launch.launcher);
		command.add(ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		command.add(JvmOptions.argument());
		command.addAll(this.launch.jvmFlags);
		command.addAll(List.of("-jar", this.launch.jar.toString(), "--server.port=" + this.launch.port));
		command.addAll(this.launch.arguments);
		return command;
	}

	/** Starts the process (not waiting for it to be ready). */
	public ProviderProcess start() {
		if (!Files.isRegularFile(this.launch.jar)) {
			throw new IllegalStateException(this.launch.jar + " is missing: run the build's package phase first");
		}
		this.process = LoggedProcess.start(this.launch.name, command(), this.launch.environment, this.launch.log);
		return this;
	}

	/** Waits until readiness answers 200; fails at once, with the end of its log, if it exits. */
	public ProviderProcess awaitReady(Duration timeout) {
		Wait.until(this.launch.name + " ready", timeout, POLL, () -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.launch.name + " exited: " + logTail());
			}
			return readiness() == 200;
		}, this::logTail);
		return this;
	}

	@Override
	public String issuer() {
		return this.launch.arguments.stream()
			.filter(argument -> argument.startsWith("--idp.issuer="))
			.map(argument -> argument.substring("--idp.issuer=".length()))
			.reduce((first, last) -> last)
			.orElse("http://" + this.launch.host + ":" + this.launch.port);
	}

	@Override
	public URI uri(String pathAndQuery) {
		return URI.create("http://" + this.launch.host + ":" + this.launch.port + pathAndQuery);
	}

	public int port() {
		return this.launch.port;
	}

	/** Its data (or work) directory. */
	public Path directory() {
		return this.launch.workDir;
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
	public void kill() {
		if (this.process != null) {
			this.process.kill();
		}
	}

	/** SIGTERM (a Flight Recorder recording is written), SIGKILL after {@code grace}. */
	public void stop(Duration grace) {
		if (this.process != null) {
			this.process.stop(grace);
		}
	}

	@Override
	public void close() {
		kill();
	}

	/** The last lines of the process's output, for failure messages. */
	public String logTail() {
		return (this.process != null) ? this.process.logTail(30) : this.launch.name + ": not started";
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

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	/** What a launch is made of. */
	private record Launch(String name, Path jar, String host, int port, Path log, List<String> jvmFlags,
			List<String> arguments, Map<String, String> environment, List<String> launcher, Path workDir) {

		Launch {
			jvmFlags = List.copyOf(jvmFlags);
			arguments = List.copyOf(arguments);
			environment = Map.copyOf(environment);
			launcher = List.copyOf(launcher);
		}

	}

}
