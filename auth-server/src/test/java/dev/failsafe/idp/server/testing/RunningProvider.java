package dev.failsafe.idp.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import dev.failsafe.idp.testing.Directories;
import dev.failsafe.idp.testing.Ports;
import dev.failsafe.idp.testing.provider.Provider;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Where a provider under test runs: a free loopback port whose URL is also the issuer (so discovery,
 * tokens and requests agree), and a fresh data directory. Use from a
 * {@code @DynamicPropertySource} method: {@code RunningProvider.register(registry)}.
 *
 * @param port the HTTP port
 * @param dataDir the data directory
 */
public record RunningProvider(int port, Path dataDir) implements Provider {

	/** The address of the load balancer the provider under test trusts. */
	public static final String PROXY = "127.0.0.1";

	/** The scrape token of every provider this JVM runs (test-only: one per run is enough). */
	private static final String METRICS_TOKEN = "metrics-" + UUID.randomUUID() + UUID.randomUUID();

	/** A new provider location: free port, empty data directory. */
	public static RunningProvider create() {
		Path dataDir = Directories.createTemp("idp-test-");
		Runtime.getRuntime().addShutdownHook(new Thread(() -> Directories.deleteQuietly(dataDir)));
		return new RunningProvider(Ports.free(), dataDir);
	}

	/**
	 * Points the application at this location (port, issuer, data directory, quiet logs), gives it a
	 * metrics scrape token ({@link #metricsToken()}), and puts it behind a proxy at {@value #PROXY}: the
	 * provider believes {@code X-Forwarded-*} from that address only, so tests can act from many
	 * client addresses (and over "TLS"), and requests from any other loopback address (say
	 * {@code 127.0.0.2}) are from an untrusted peer.
	 */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("server.tomcat.remoteip.internal-proxies", () -> PROXY + "/32");
		registry.add("server.port", () -> this.port);
		registry.add("idp.issuer", this::issuer);
		registry.add("idp.data-dir", this.dataDir::toString);
		registry.add("idp.metrics.token-file", this::metricsTokenFile);
		registry.add("logging.structured.format.console", () -> "");
	}

	/** The bearer token that reads {@code /actuator/prometheus}. */
	public String metricsToken() {
		return METRICS_TOKEN;
	}

	private String metricsTokenFile() {
		Path file = this.dataDir.resolve("metrics.token");
		try {
			Files.writeString(file, METRICS_TOKEN);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file.toString();
	}

	@Override
	public String issuer() {
		return "http://localhost:" + this.port;
	}

	@Override
	public URI uri(String pathAndQuery) {
		return URI.create(issuer() + pathAndQuery);
	}

}
