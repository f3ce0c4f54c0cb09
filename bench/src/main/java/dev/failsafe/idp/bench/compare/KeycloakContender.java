package dev.failsafe.idp.bench.compare;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.failsafe.idp.bench.load.DemoTenant;
import dev.failsafe.idp.bench.load.Http;
import dev.failsafe.idp.bench.load.ProviderUnderTest;
import dev.failsafe.idp.bench.load.Workload;
import dev.failsafe.idp.testing.Directories;
import dev.failsafe.idp.testing.Ports;

/**
 * Keycloak from its Quarkus distribution ({@code org.keycloak:keycloak-quarkus-dist}, unpacked by
 * the {@code keycloak} profile under {@code bench/target/keycloak/}), in production mode on
 * loopback: {@code kc.sh build} once (H2 file database, health checks), the demo realm imported
 * with {@code kc.sh import --optimized} ({@code keycloak/demo-realm.json}: alice, {@code demo-shop} with PKCE
 * and consent, {@code demo-partner-api} for client_credentials, the same secrets as the provider's
 * demo tenant), then {@code kc.sh start --optimized} with a local cache (one node, no JGroups:
 * nothing listens beyond loopback) and Keycloak's own default heap, {@code -Xms64m -Xmx512m}, set
 * explicitly. The JDK is the one running the bench. Its output goes to {@code keycloak.log}.
 */
final class KeycloakContender implements Contender {

	static final String REALM = "demo";

	static final String REALM_PATH = "/realms/" + REALM;

	/** The realm imported, a resource of this module. */
	static final String REALM_RESOURCE = "/keycloak/demo-realm.json";

	/** Keycloak's default heap outside a container ({@code kc.sh}), the same ceiling as the provider's. */
	static final String HEAP = "-Xms64m -Xmx512m";

	private final Process process;

	private final Http http;

	private final Http management;

	private final KeycloakSignIn signIn;

	private final Path log;

	private KeycloakContender(Process process, int port, int managementPort, Path log) {
		this.process = process;
		this.log = log;
		this.http = new Http(URI.create("http://127.0.0.1:" + port));
		this.management = new Http(URI.create("http://127.0.0.1:" + managementPort));
		this.signIn = new KeycloakSignIn(this.http, REALM_PATH, DemoTenant.README);
	}

	/** Builds the distribution for this run's options and imports the demo realm into a fresh database. */
	static void prepare(Path home, Path workDir) throws IOException, InterruptedException {
		Path kc = script(home);
		Directories.deleteQuietly(home.resolve("data"));
		Files.createDirectories(workDir);
		Path realm = workDir.resolve("demo-realm.json");
		try (InputStream resource = KeycloakContender.class.getResourceAsStream(REALM_RESOURCE)) {
			Files.copy(resource, realm, StandardCopyOption.REPLACE_EXISTING);
		}
		run(home, workDir.resolve("keycloak-build.log"), "bash", kc.toString(), "build", "--db=dev-file",
				"--health-enabled=true");
		run(home, workDir.resolve("keycloak-import.log"), "bash", kc.toString(), "import", "--optimized", "--cache=local",
				"--file=" + realm.toAbsolutePath());
	}

	/** Launches the prepared server and returns at once. */
	static KeycloakContender launch(Path home, Path workDir) throws IOException {
		int port = Ports.free();
		int managementPort = Ports.free();
		Path log = workDir.resolve("keycloak.log");
		ProcessBuilder builder = new ProcessBuilder("bash", script(home).toString(), "start", "--optimized", "--cache=local",
				"--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
				"--http-management-port=" + managementPort, "--hostname-strict=false")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		environment(builder.environment());
		Process process = builder.start();
		return new KeycloakContender(process, port, managementPort, log);
	}

	@Override
	public String name() {
		return "Keycloak";
	}

	@Override
	public Http http() {
		return this.http;
	}

	@Override
	public Workload clientCredentials() {
		DemoTenant tenant = DemoTenant.README;
		return () -> () -> Http.expect(this.http.postForm(REALM_PATH + "/protocol/openid-connect/token",
				Http.form("grant_type", "client_credentials", "scope", tenant.serviceScope()),
				Http.basic(tenant.serviceId(), tenant.serviceSecret())), 200);
	}

	@Override
	public Workload jwks() {
		return () -> () -> Http.expect(this.http.get(REALM_PATH + "/protocol/openid-connect/certs"), 200);
	}

	@Override
	public Workload signIn() {
		return () -> this.signIn::signIn;
	}

	@Override
	public void awaitReady(Duration timeout) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Keycloak exited; see " + this.log);
			}
			try {
				if (this.management.get("/health/ready").statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("Keycloak was not ready within " + timeout + "; see " + this.log);
	}

	/** The JVM: {@code kc.sh} runs it as its child. */
	@Override
	public long pid() {
		return this.process.descendants()
			.filter(child -> child.info().command().map(command -> command.endsWith("/java")).orElse(false))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("kc.sh has no java child process"))
			.pid();
	}

	@Override
	public long[] residentBytes() throws IOException {
		return ProviderUnderTest.residentBytes(pid());
	}

	/** SIGTERM to {@code kc.sh}, which forwards it to the JVM; SIGKILL to both after 30 s. */
	@Override
	public void close() throws InterruptedException {
		List<ProcessHandle> children = this.process.descendants().toList();
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			children.forEach(ProcessHandle::destroyForcibly);
			this.process.destroyForcibly().waitFor();
		}
	}

	/** {@code bin/kc.sh} of the distribution, which must have been unpacked there. */
	static Path script(Path home) {
		Path kc = home.resolve("bin/kc.sh");
		if (!Files.isRegularFile(kc)) {
			throw new IllegalStateException(kc.toAbsolutePath() + " is missing: run with -Pkeycloak (README, "
					+ "\"Benchmarks\"), which unpacks Keycloak there");
		}
		return kc;
	}

	private static void environment(Map<String, String> environment) {
		environment.put("JAVA_HOME", System.getProperty("java.home"));
		environment.put("JAVA_OPTS_KC_HEAP", HEAP);
	}

	private static void run(Path home, Path log, String... command) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		environment(builder.environment());
		Process process = builder.start();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly().waitFor();
			throw new IllegalStateException(String.join(" ", command) + " took over 5 minutes; see " + log);
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + "; see "
					+ log);
		}
	}

}
