package dev.failsafe.idp.samples.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.provider.ProviderProcess;

/**
 * The packaged provider and samples as processes on loopback, as the README runs them (the jars'
 * paths come from the build: {@code idp.auth-server.jar}, {@code samples.partner-api.jar},
 * {@code samples.shop.jar}).
 */
public final class SampleJars {

	/** Generous: three JVMs may start at once on two cores shared with other builds. */
	public static final java.time.Duration READY_WITHIN = java.time.Duration.ofSeconds(180);

	private SampleJars() {
	}

	/**
	 * The provider on {@code port} with issuer {@code http://localhost:port} (as the README's run
	 * command, on another port), its data in {@code dataDir}.
	 */
	public static ProviderProcess provider(int port, Path dataDir, String... settings) {
		return ProviderProcess.standalone("provider", port, dataDir, settings);
	}

	public static String issuer(int providerPort) {
		return "http://localhost:" + providerPort;
	}

	/** partner-api trusting the provider at {@code issuer}, keeping its last good JWKS in {@code workDir}. */
	public static ProviderProcess partnerApi(int port, Path workDir, String issuer, String jwksUri,
			String... settings) {
		List<String> arguments = new ArrayList<>(List.of("--partner-api.tokens.issuer=" + issuer,
				"--partner-api.tokens.jwks-uri=" + jwksUri,
				"--partner-api.tokens.last-good-file=" + workDir.resolve("jwks-last-good.json")));
		arguments.addAll(List.of(settings));
		return ProviderProcess.bootJar("partner-api", jar("samples.partner-api.jar"), port, workDir, arguments,
				Map.of());
	}

	/** The shop (always on 127.0.0.1:8081: the demo client's redirect URIs point there). */
	public static ProviderProcess shop(Path workDir, String issuer, String partnerApi, String... settings) {
		List<String> arguments = new ArrayList<>(List.of("--shop.issuer=" + issuer, "--shop.partner-api=" + partnerApi));
		arguments.addAll(List.of(settings));
		return ProviderProcess.bootJar("shop", jar("samples.shop.jar"), 8081, workDir, arguments, Map.of());
	}

	private static Path jar(String property) {
		String path = System.getProperty(property);
		if (path == null) {
			throw new IllegalStateException("System property " + property + " is not set: run through Maven "
					+ "(./mvnw -pl client-samples/... -am verify)");
		}
		return Path.of(path);
	}

}
