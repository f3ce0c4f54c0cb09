package dev.failsafe.idp.bench.compare;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one side-by-side run does, from its command line ({@code --name value}; every option has a
 * default except {@code --jar} and {@code --keycloak-home}).
 *
 * @param jar the packaged provider ({@code auth-server/target/auth-server.jar})
 * @param keycloakHome the unpacked Keycloak distribution
 * @param workDir where data directories and logs go
 * @param report where the JSON report is written
 * @param warmUp how long each step runs before it is measured
 * @param measure how long each step is measured
 * @param maxRequests the most requests one step sends while measured
 * @param tokenConcurrency the concurrencies of the client_credentials steps
 * @param jwksConcurrency the concurrencies of the JWKS steps
 * @param signInConcurrency the concurrencies of the sign-in steps
 * @param curve how long the warm-up curve runs from each launch
 * @param curveWindow the length of each window of the curve
 * @param curveClients concurrent client_credentials clients during the curve
 * @param providerArguments further {@code --name=value} settings for the provider
 */
public record CompareOptions(Path jar, Path keycloakHome, Path workDir, Path report, Duration warmUp, Duration measure,
		int maxRequests, List<Integer> tokenConcurrency, List<Integer> jwksConcurrency, List<Integer> signInConcurrency,
		Duration curve, Duration curveWindow, int curveClients, List<String> providerArguments) {

	public CompareOptions {
		tokenConcurrency = List.copyOf(tokenConcurrency);
		jwksConcurrency = List.copyOf(jwksConcurrency);
		signInConcurrency = List.copyOf(signInConcurrency);
		providerArguments = List.copyOf(providerArguments);
		if (jar == null || keycloakHome == null) {
			throw new IllegalArgumentException("--jar (the provider's jar) and --keycloak-home (unpacked Keycloak) are required");
		}
		for (List<Integer> list : List.of(tokenConcurrency, jwksConcurrency, signInConcurrency)) {
			if (list.stream().anyMatch(c -> c < 1 || c > 256)) {
				throw new IllegalArgumentException("concurrency between 1 and 256 each: " + list);
			}
		}
		if (maxRequests < 1 || !measure.isPositive() || warmUp.isNegative() || curveClients < 1
				|| !curveWindow.isPositive() || curve.compareTo(curveWindow) < 0) {
			throw new IllegalArgumentException(
					"--max-requests, --measure, --curve-clients and --curve-window must be positive, --curve at least one window");
		}
	}

	/** Parses {@code --name value} pairs; {@code --provider-arg=...} stands alone. */
	public static CompareOptions parse(String... args) {
		Path jar = null;
		Path keycloakHome = null;
		Path workDir = Path.of("target/compare");
		Path report = Path.of("target/compare-report.json");
		Duration warmUp = Duration.ofSeconds(5);
		Duration measure = Duration.ofSeconds(10);
		int maxRequests = 200_000;
		List<Integer> tokens = List.of(1, 8, 32);
		List<Integer> jwks = List.of(8, 32);
		List<Integer> signIns = List.of(4, 8);
		Duration curve = Duration.ofSeconds(60);
		Duration curveWindow = Duration.ofSeconds(5);
		int curveClients = 8;
		List<String> providerArguments = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String name = args[i];
			if (name.startsWith("--provider-arg=")) {
				providerArguments.add(name.substring("--provider-arg=".length()));
				continue;
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException(name + " needs a value");
			}
			String value = args[++i];
			switch (name) {
				case "--jar" -> jar = Path.of(value);
				case "--keycloak-home" -> keycloakHome = Path.of(value);
				case "--work-dir" -> workDir = Path.of(value);
				case "--report" -> report = Path.of(value);
				case "--warm-up" -> warmUp = Duration.ofSeconds(Long.parseLong(value));
				case "--measure" -> measure = Duration.ofSeconds(Long.parseLong(value));
				case "--max-requests" -> maxRequests = Integer.parseInt(value);
				case "--token-concurrency" -> tokens = integers(value);
				case "--jwks-concurrency" -> jwks = integers(value);
				case "--sign-in-concurrency" -> signIns = integers(value);
				case "--curve" -> curve = Duration.ofSeconds(Long.parseLong(value));
				case "--curve-window" -> curveWindow = Duration.ofSeconds(Long.parseLong(value));
				case "--curve-clients" -> curveClients = Integer.parseInt(value);
				default -> throw new IllegalArgumentException("unknown option " + name);
			}
		}
		return new CompareOptions(jar, keycloakHome, workDir, report, warmUp, measure, maxRequests, tokens, jwks, signIns,
				curve, curveWindow, curveClients, providerArguments);
	}

	private static List<Integer> integers(String value) {
		return Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).toList();
	}

}
