package dev.failsafe.idp.admin.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real provider: {@code auth-server/target/auth-server.jar} (built earlier in the reactor) as a
 * separate process on free loopback ports with a temporary data directory, started once per test
 * run, ready when {@code /actuator/health/readiness} says so (within {@link #READY_WITHIN}), killed
 * at the end. Test classes get it as a parameter.
 */
final class RunningProvider implements ParameterResolver {

	static final Duration READY_WITHIN = Duration.ofSeconds(120);

	/** The demo tenant's admin client. */
	static final Map<String, String> DEMO_ADMIN = Map.of("IDP_ADMIN_CLIENT_ID", "demo-admin",
			"IDP_ADMIN_CLIENT_SECRET", "demo-admin-secret");

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Provider.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getRoot()
			.getStore(ExtensionContext.Namespace.GLOBAL)
			.getOrComputeIfAbsent(Provider.class, type -> Provider.start(), Provider.class);
	}

	/** The running process; closed (killed) when the test run ends. */
	static final class Provider implements AutoCloseable {

		private final Process process;

		private final String issuer;

		private final Path dataDir;

		private Provider(Process process, String issuer, Path dataDir) {
			this.process = process;
			this.issuer = issuer;
			this.dataDir = dataDir;
		}

		String issuer() {
			return this.issuer;
		}

		Map<String, String> environment() {
			Map<String, String> environment = new java.util.HashMap<>(DEMO_ADMIN);
			environment.put("IDP_ISSUER", this.issuer);
			return Map.copyOf(environment);
		}

		static Provider start() {
			Path jar = Path.of(System.getProperty("idp.auth-server.jar", "../auth-server/target/auth-server.jar"));
			if (!Files.isRegularFile(jar)) {
				throw new IllegalStateException(jar + " is missing: build with ./mvnw -pl admin-cli -am verify");
			}
			try {
				int port = freePort();
				String issuer = "http://localhost:" + port;
				Path dataDir = Files.createTempDirectory("idp-admin-it");
				List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1",
						"-XX:+UseSerialGC", "-Xmx384m", "--add-modules", "java.se", "--add-exports",
						"java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
						"--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens",
						"java.management/sun.management=ALL-UNNAMED", "--add-opens",
						"jdk.management/com.sun.management.internal=ALL-UNNAMED", "-jar", jar.toString(),
						"--server.port=" + port, "--idp.issuer=" + issuer, "--idp.data-dir=" + dataDir,
						"--idp.hazelcast.port=" + freePort()));
				Path log = dataDir.resolve("auth-server.log");
				Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
				Provider provider = new Provider(process, issuer, dataDir);
				provider.awaitReady(log);
				return provider;
			}
			catch (IOException ex) {
				throw new IllegalStateException("cannot start the provider: " + ex.getMessage(), ex);
			}
		}

		private void awaitReady(Path log) {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
			HttpRequest readiness = HttpRequest.newBuilder(URI.create(this.issuer + "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(5))
				.build();
			Instant deadline = Instant.now().plus(READY_WITHIN);
			while (Instant.now().isBefore(deadline)) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("the provider exited with " + this.process.exitValue() + "; log: "
							+ tail(log));
				}
				try {
					if (http.send(readiness, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
						return;
					}
				}
				catch (IOException ex) {
					// not listening yet
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
				try {
					Thread.sleep(250);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
			}
			close();
			throw new IllegalStateException("the provider was not ready within " + READY_WITHIN + "; log: " + tail(log));
		}

		private static String tail(Path log) {
			try {
				List<String> lines = Files.readAllLines(log);
				return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
			}
			catch (IOException ex) {
				return "(unreadable: " + ex.getMessage() + ")";
			}
		}

		static String javaBinary() {
			return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		}

		static int freePort() throws IOException {
			try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
				return socket.getLocalPort();
			}
		}

		@Override
		public void close() {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(20, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			deleteQuietly(this.dataDir);
		}

		private static void deleteQuietly(Path directory) {
			try (var paths = Files.walk(directory)) {
				paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
			catch (IOException ex) {
				// a temporary directory: left behind at worst
			}
		}

	}

}
