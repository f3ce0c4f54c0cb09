package dev.failsafe.idp.bench.compare;

import java.time.Duration;

import dev.failsafe.idp.bench.load.Http;
import dev.failsafe.idp.bench.load.Workload;

/**
 * One server of the side-by-side run, launched on loopback with its demo tenant (alice, a
 * confidential code-flow client with PKCE and consent, a client_credentials client), each with its
 * own launch's memory settings (Keycloak's {@code kc.sh} default heap, {@link KeycloakContender#HEAP};
 * the provider's {@code jvm.options}, whose ceiling is lower). The workloads do the same thing against either, each the
 * way that server's own clients do it.
 */
interface Contender extends AutoCloseable {

	/** The name in the table. */
	String name();

	/** HTTP to the server (listening or not yet). */
	Http http();

	/** One client_credentials token request (the partner API client, Basic authentication). */
	Workload clientCredentials();

	/** One GET of the JWKS. */
	Workload jwks();

	/** One full sign-in without a browser: a fresh cookie jar, authorization request to tokens. */
	Workload signIn();

	/** Waits until the server answers its readiness probe. */
	void awaitReady(Duration timeout) throws Exception;

	/** The server's JVM process (for its CPU time). */
	long pid();

	/** Resident set size now ({@code VmRSS}) and its peak ({@code VmHWM}), in bytes. */
	long[] residentBytes() throws Exception;

	/** Stops the server (SIGTERM, SIGKILL after a while). */
	@Override
	void close() throws Exception;

}
