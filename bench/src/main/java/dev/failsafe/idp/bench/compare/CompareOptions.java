package dev.failsafe.idp.bench.compare;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one side-by-side run does, as its command line ({@link CompareCommand}) gives it; refuses what
 * cannot run.
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

}
