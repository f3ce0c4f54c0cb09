package dev.failsafe.idp.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Where a provider under test runs: a free loopback port whose URL is also the issuer (so discovery,
 * tokens and requests agree), and a fresh data directory. Use from a
 * {@code @DynamicPropertySource} method: {@code RunningProvider.register(registry)}.
 */
public final class RunningProvider {

	private final int port;

	private final Path dataDir;

	private final String metricsToken = "metrics-" + java.util.UUID.randomUUID() + java.util.UUID.randomUUID();

	private RunningProvider(int port, Path dataDir) {
		this.port = port;
		this.dataDir = dataDir;
	}

	/** A new provider location: free port, empty data directory. */
	public static RunningProvider create() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			Path dataDir = Files.createTempDirectory("idp-test-");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dataDir)));
			return new RunningProvider(socket.getLocalPort(), dataDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteRecursively(Path directory) {
		try (var paths = Files.walk(directory)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			// Best effort: a leftover temp directory is harmless.
		}
	}

	/**
	 * Points the application at this location (port, issuer, data directory, quiet logs) and gives it
	 * a metrics scrape token ({@link #metricsToken()}).
	 */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> this.port);
		registry.add("idp.issuer", this::issuer);
		registry.add("idp.data-dir", this.dataDir::toString);
		registry.add("idp.metrics.token-file", this::metricsTokenFile);
		registry.add("logging.structured.format.console", () -> "");
	}

	/** The bearer token that reads {@code /actuator/prometheus}. */
	public String metricsToken() {
		return this.metricsToken;
	}

	private String metricsTokenFile() {
		Path file = this.dataDir.resolve("metrics.token");
		try {
			Files.writeString(file, this.metricsToken);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file.toString();
	}

	public String issuer() {
		return "http://localhost:" + this.port;
	}

	public URI uri(String pathAndQuery) {
		return URI.create(issuer() + pathAndQuery);
	}

	public int port() {
		return this.port;
	}

	public Path dataDir() {
		return this.dataDir;
	}

}
