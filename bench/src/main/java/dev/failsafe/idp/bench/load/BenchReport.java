package dev.failsafe.idp.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything one load run measured: the machine, the limits before and after the whole run, every
 * store run and its targets, judged against the limits measured right around its own steps (other
 * work on the machine moves every figure, so a limit is measured as close as possible to what it
 * bounds). Printed as one table and written as JSON.
 *
 * @param machine the CPU, cores, JDK and OpenSSL of this machine
 * @param loadAverageAtStart {@code /proc/loadavg}'s 1-minute figure before anything ran
 * @param limitsBefore the limits measured before the provider started
 * @param limitsAfter the limits measured after the last store run
 * @param runs one per store
 * @param targets one per store
 */
public record BenchReport(Machine machine, double loadAverageAtStart, Limits limitsBefore, Limits limitsAfter,
		List<StoreRun> runs, List<Targets> targets) {

	public BenchReport {
		runs = List.copyOf(runs);
		targets = List.copyOf(targets);
	}

	/**
	 * The machine the figures were taken on.
	 *
	 * @param cpu {@code model name} from {@code /proc/cpuinfo}
	 * @param cores available processors
	 * @param jdk the JDK running the load generator and the provider
	 * @param openssl {@code openssl version}
	 */
	public record Machine(String cpu, int cores, String jdk, String openssl) {
	}

	public static BenchReport of(Machine machine, double loadAverageAtStart, Limits before, Limits after,
			List<StoreRun> runs) {
		return new BenchReport(machine, loadAverageAtStart, before, after, runs,
				runs.stream().map(Targets::judge).toList());
	}

	public void write(Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(file.toFile(), this);
	}

	/** The table: one row per store, workload and concurrency, then memory, limits and targets. */
	public String table() {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%s, %d cores, JDK %s, %s; load average at start %.2f%n",
				this.machine.cpu(), this.machine.cores(), this.machine.jdk(), this.machine.openssl(),
				this.loadAverageAtStart));
		out.append(String.format(Locale.ROOT, "%-9s %-19s %4s %10s %9s %9s %10s %7s%n", "store", "workload", "c",
				"ops/s", "p50 ms", "p99 ms", "cpu ms/op", "errors"));
		for (StoreRun run : this.runs) {
			for (Measurement m : run.measurements()) {
				out.append(String.format(Locale.ROOT, "%-9s %-19s %4d %10.1f %9.1f %9.1f %10.2f %7d%n", run.store(),
						m.workload(), m.concurrency(), m.perSecond(), m.p50Millis(), m.p99Millis(),
						m.serverCpuMillisPerOperation(), m.errors()));
			}
		}
		for (StoreRun run : this.runs) {
			out.append(String.format(Locale.ROOT,
					"%-9s provider heap used %d MiB, RSS %d MiB (peak %d MiB); load average at end %.2f%n", run.store(),
					run.heapUsedBytes() >> 20, run.rssBytes() >> 20, run.peakRssBytes() >> 20, run.loadAverage()));
			out.append(String.format(Locale.ROOT,
					"%-9s limits around its steps: openssl rsa2048 sign/s %.0f (client_credentials), password checks/s %.1f (login)%n",
					run.store(), run.opensslRs256SignsPerSecond(), run.passwordHashesPerSecond()));
		}
		for (Limits limits : List.of(this.limitsBefore, this.limitsAfter)) {
			out.append(String.format(Locale.ROOT,
					"limits %-6s the run: openssl rsa2048 sign/s (%d processes) %.0f; password checks/s %s (%d threads) %.1f%n",
					(limits == this.limitsBefore) ? "before" : "after", limits.cores(),
					limits.opensslRs256SignsPerSecond(), limits.passwordEncoding(), limits.cores(),
					limits.passwordHashesPerSecond()));
		}
		for (Targets targets : this.targets) {
			for (Targets.Verdict verdict : targets.verdicts()) {
				String met = (verdict.met() == null) ? "-" : (verdict.met() ? "MET" : "NOT MET");
				out.append(String.format(Locale.ROOT, "target %-9s %-52s %-42s %s%n", targets.store(), verdict.target(),
						verdict.measured(), met));
			}
		}
		return out.toString();
	}

}
