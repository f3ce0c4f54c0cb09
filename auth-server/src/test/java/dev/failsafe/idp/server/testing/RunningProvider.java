package dev.failsafe.idp.server.testing;

import java.net.URI;
import java.nio.file.Path;

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

	/** A new provider location: free port, empty data directory. */
	public static RunningProvider create() {
		Path dataDir = Directories.createTemp("idp-test-");
		Runtime.getRuntime().addShutdownHook(new Thread(() -> Directories.deleteQuietly(dataDir)));
		return new RunningProvider(Ports.free(), dataDir);
	}

	/** Points the application at this location (port, issuer, data directory, quiet logs). */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> this.port);
		registry.add("idp.issuer", this::issuer);
		registry.add("idp.data-dir", this.dataDir::toString);
		registry.add("logging.structured.format.console", () -> "");
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
