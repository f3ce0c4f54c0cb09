package dev.failsafe.idp.bench.compare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import dev.failsafe.idp.bench.cli.BenchCommandLine;
import dev.failsafe.idp.bench.hashing.PasswordHashes;
import dev.failsafe.idp.bench.load.BenchReport;
import dev.failsafe.idp.bench.load.Limits;
import dev.failsafe.idp.bench.load.LoadDriver;
import dev.failsafe.idp.bench.load.LoadRun;
import dev.failsafe.idp.bench.load.Measurement;
import dev.failsafe.idp.bench.load.ProcessCpu;
import dev.failsafe.idp.bench.load.Workload;
import dev.failsafe.idp.testing.Directories;

/**
 * The side-by-side run against Keycloak (README, "Benchmarks"): both servers prepared (their demo
 * tenant seeded, then stopped), then each launched in turn with client_credentials clients sending
 * from the launch on for the warm-up curve; both then stay up and every step (client_credentials,
 * JWKS, full sign-ins, at each concurrency) runs against one, then the other, the idle one waiting
 * meanwhile, so both see the same machine within seconds; RSS after the last step. Prints one table
 * with the ratios and writes the JSON report. Same JDK, same warm-up; each
 * with its own launch's memory settings (Keycloak's heap ceiling 512 MiB, ours lower).
 */
public final class SideBySideRun {

	private SideBySideRun() {
	}

	/** Runs the command line's side-by-side run ({@code --help} lists the options); exits 2 on bad usage. */
	public static void main(String[] args) {
		BenchCommandLine.exit(new CompareCommand(), args);
	}

	/** Runs what {@code options} say. */
	static void run(CompareOptions options) throws Exception {
		BenchReport.Machine machine = LoadRun.machine();
		double loadAtStart = LoadRun.loadAverage();
		System.out.printf(Locale.ROOT, "side-by-side run on %s (%d cores), load average %.2f%n", machine.cpu(),
				machine.cores(), loadAtStart);
		double ourHashes = Limits.passwordHashesPerSecond(PasswordHashes.provider(), 5);
		double keycloakHashes = Limits.passwordHashesPerSecond(PasswordHashes.keycloak(), 5);
		System.out.printf(Locale.ROOT, "password checks/s on %d threads: ours (Argon2id %s, native) %.1f, Keycloak's "
				+ "(Argon2id %s, pure Java) %.1f%n", machine.cores(), PasswordHashes.PROVIDER_PARAMETERS, ourHashes,
				PasswordHashes.KEYCLOAK_PARAMETERS, keycloakHashes);

		java.nio.file.Path ourData = options.workDir().resolve("provider");
		Directories.deleteQuietly(ourData);
		FailsafeContender.prepare(options.jar(), ourData, options.providerArguments());
		KeycloakContender.prepare(options.keycloakHome(), options.workDir());
		System.out.println("both prepared; launching each for its warm-up curve");

		long ourLaunch = System.nanoTime();
		try (FailsafeContender ours = FailsafeContender.launch(options.jar(), ourData, options.providerArguments())) {
			WarmUpCurve ourCurve = curve(ours, ourLaunch, options);
			long keycloakLaunch = System.nanoTime();
			try (KeycloakContender keycloak = KeycloakContender.launch(options.keycloakHome(), options.workDir())) {
				WarmUpCurve keycloakCurve = curve(keycloak, keycloakLaunch, options);
				List<Contender> both = List.of(ours, keycloak);
				// The first sign-in of each shows its consent form (Keycloak's realm is fresh).
				for (Contender contender : both) {
					contender.signIn().newClient().send();
				}
				LoadDriver driver = new LoadDriver(options.warmUp(), options.measure(), options.maxRequests());
				List<List<Measurement>> measured = List.of(new ArrayList<>(), new ArrayList<>());
				steps(driver, both, measured, "client_credentials", Contender::clientCredentials,
						options.tokenConcurrency());
				steps(driver, both, measured, "jwks", Contender::jwks, options.jwksConcurrency());
				steps(driver, both, measured, "sign-in", Contender::signIn, options.signInConcurrency());
				long[] ourMemory = ours.residentBytes();
				long[] keycloakMemory = keycloak.residentBytes();
				SideBySideReport report = new SideBySideReport(machine, loadAtStart, LoadRun.loadAverage(), ourHashes,
						keycloakHashes,
						new SideBySideReport.ServerRun(ours.name(), ourCurve, measured.get(0), ourMemory[0], ourMemory[1]),
						new SideBySideReport.ServerRun(keycloak.name(), keycloakCurve, measured.get(1), keycloakMemory[0],
								keycloakMemory[1]));
				System.out.println();
				System.out.print(report.table());
				report.write(options.report());
				System.out.println("report: " + options.report().toAbsolutePath());
			}
		}
	}

	/** The warm-up curve of a server launched at {@code launchNanos}; then it must be ready. */
	private static WarmUpCurve curve(Contender contender, long launchNanos, CompareOptions options) throws Exception {
		WarmUpCurve curve = WarmUpCurve.measure(contender.clientCredentials(), options.curveClients(), launchNanos,
				options.curve(), options.curveWindow());
		contender.awaitReady(Duration.ofMinutes(3));
		System.out.printf(Locale.ROOT, "%-12s first token %.1f s after launch; tokens/s per %d s window: %s%n",
				contender.name(), curve.firstSuccessSeconds(), options.curveWindow().toSeconds(),
				curve.perSecond().stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList());
		return curve;
	}

	private static void steps(LoadDriver driver, List<Contender> both, List<List<Measurement>> measured, String name,
			Function<Contender, Workload> workload, List<Integer> concurrencies) throws Exception {
		for (int concurrency : concurrencies) {
			for (int i = 0; i < both.size(); i++) {
				Contender contender = both.get(i);
				long pid = contender.pid();
				Measurement m = driver.run(name, workload.apply(contender), concurrency, () -> ProcessCpu.nanos(pid));
				measured.get(i).add(m);
				System.out.printf(Locale.ROOT,
						"%-12s %-19s c=%-3d %9.1f/s p50 %7.1f ms p99 %7.1f ms cpu %.2f ms/op errors %d (load %.2f)%n",
						contender.name(), name, concurrency, m.perSecond(), m.p50Millis(), m.p99Millis(),
						m.serverCpuMillisPerOperation(), m.errors(), LoadRun.loadAverage());
			}
		}
	}

}
