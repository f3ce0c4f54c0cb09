package dev.failsafe.idp.admin.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.Directories;
import dev.failsafe.idp.testing.Ports;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.provider.ProviderProcess;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real provider (the test kit's {@link ProviderProcess}: the packaged jar as a separate process on
 * free loopback ports with a temporary data directory), started once per test run, ready within
 * {@link #READY_WITHIN}, killed at the end. Test classes get it as a parameter.
 */
final class RunningProvider implements ParameterResolver {

	static final Duration READY_WITHIN = Duration.ofSeconds(120);

	/** The demo tenant's admin client. */
	static final Map<String, String> DEMO_ADMIN = Map.of("IDP_ADMIN_CLIENT_ID", Demo.ADMIN, "IDP_ADMIN_CLIENT_SECRET",
			Demo.ADMIN_SECRET);

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

	/**
	 * The running process; closed (killed) when the test run ends.
	 *
	 * @param process the provider
	 * @param dataDir its temporary data directory
	 */
	record Provider(ProviderProcess process, Path dataDir) implements AutoCloseable {

		String issuer() {
			return this.process.issuer();
		}

		Map<String, String> environment() {
			Map<String, String> environment = new java.util.HashMap<>(DEMO_ADMIN);
			environment.put("IDP_ISSUER", issuer());
			return Map.copyOf(environment);
		}

		static Provider start() {
			Path dataDir = Directories.createTemp("idp-admin-it");
			ProviderProcess process = ProviderProcess.standalone("provider", dataDir)
				.withJvmFlags(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m"))
				.withLog(dataDir.resolve("auth-server.log"));
			Provider provider = new Provider(process, dataDir);
			try {
				process.start().awaitReady(READY_WITHIN);
				return provider;
			}
			catch (RuntimeException ex) {
				provider.close();
				throw ex;
			}
		}

		static int freePort() {
			return Ports.free();
		}

		@Override
		public void close() {
			this.process.kill();
			Directories.deleteQuietly(this.dataDir);
		}

	}

}
