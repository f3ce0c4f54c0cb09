package dev.failsafe.idp.bench.compare;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.failsafe.idp.bench.load.DemoTenant;
import dev.failsafe.idp.bench.load.Http;
import dev.failsafe.idp.bench.load.ProviderUnderTest;
import dev.failsafe.idp.bench.load.Workload;
import dev.failsafe.idp.bench.load.Workloads;

/**
 * This provider, the packaged jar on its embedded default (demo tenant seeded, Hazelcast in the
 * process, H2), with the load run's JVM flags and heap ceiling; the load run's workloads.
 */
final class FailsafeContender implements Contender {

	private final ProviderUnderTest provider;

	private final Workloads workloads;

	private FailsafeContender(ProviderUnderTest provider) {
		this.provider = provider;
		this.workloads = new Workloads(provider.http(), DemoTenant.README);
	}

	/**
	 * Starts the jar once and stops it, so the data directory holds the seeded tenant and keys: the
	 * measured launch is a restart, like Keycloak's after its import.
	 */
	static void prepare(Path jar, Path dataDir, List<String> arguments) throws Exception {
		try (ProviderUnderTest first = ProviderUnderTest.start(jar, dataDir, arguments, List.of(), null)) {
			new Workloads(first.http(), DemoTenant.README).login().signIn();
		}
	}

	/** Launches the jar on the prepared data directory and returns at once. */
	static FailsafeContender launch(Path jar, Path dataDir, List<String> arguments) throws Exception {
		return new FailsafeContender(ProviderUnderTest.launch(jar, dataDir, arguments, List.of(), null));
	}

	@Override
	public String name() {
		return "Failsafe ID";
	}

	@Override
	public Http http() {
		return this.provider.http();
	}

	@Override
	public Workload clientCredentials() {
		return this.workloads.named("client_credentials");
	}

	@Override
	public Workload jwks() {
		return this.workloads.named("jwks");
	}

	@Override
	public Workload signIn() {
		return this.workloads.named("login");
	}

	@Override
	public void awaitReady(Duration timeout) throws Exception {
		this.provider.awaitReady(timeout);
	}

	@Override
	public long pid() {
		return this.provider.pid();
	}

	@Override
	public long[] residentBytes() throws Exception {
		return this.provider.residentBytes();
	}

	@Override
	public void close() throws Exception {
		this.provider.close();
	}

}
