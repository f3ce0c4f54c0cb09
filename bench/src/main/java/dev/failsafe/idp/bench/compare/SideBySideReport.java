package dev.failsafe.idp.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.failsafe.idp.bench.load.BenchReport;
import dev.failsafe.idp.bench.load.Measurement;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything one side-by-side run measured, printed as one table of both servers' figures and
 * their ratio (ours divided by Keycloak's: above 1 is better for rates, below 1 for latency and
 * memory), and written as JSON.
 *
 * @param machine the CPU, cores, JDK and OpenSSL of this machine
 * @param loadAverageAtStart {@code /proc/loadavg}'s 1-minute figure before anything ran
 * @param loadAverageAtEnd the same after the last step
 * @param providerHashesPerSecond checks/s of the provider's password hash (Argon2id m=19 MiB, t=2,
 *        p=1, native) on all cores, before the servers started
 * @param keycloakHashesPerSecond checks/s of Keycloak's (Argon2id m=7 MiB, t=5, p=1, pure Java)
 * @param ours this provider's figures
 * @param keycloak Keycloak's figures
 */
public record SideBySideReport(BenchReport.Machine machine, double loadAverageAtStart, double loadAverageAtEnd,
		double providerHashesPerSecond, double keycloakHashesPerSecond, ServerRun ours, ServerRun keycloak) {

	/**
	 * One server's figures.
	 *
	 * @param name the server
	 * @param curve client_credentials tokens/s per window from the launch
	 * @param measurements one per workload and concurrency, after the curve
	 * @param rssBytes resident set size after the last step
	 * @param peakRssBytes peak resident set size
	 */
	public record ServerRun(String name, WarmUpCurve curve, List<Measurement> measurements, long rssBytes,
			long peakRssBytes) {

		public ServerRun {
			measurements = List.copyOf(measurements);
		}

		Optional<Measurement> at(String workload, int concurrency) {
			return this.measurements.stream()
				.filter(m -> m.workload().equals(workload) && m.concurrency() == concurrency)
				.findFirst();
		}

	}

	public void write(Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(file.toFile(), this);
	}

	/** The table: one row per figure, both servers and the ratio. */
	public String table() {
		List<String[]> rows = new ArrayList<>();
		rows.add(new String[] { "figure", this.ours.name(), this.keycloak.name(), "ours/Keycloak" });
		for (Measurement m : this.ours.measurements()) {
			Optional<Measurement> theirs = this.keycloak.at(m.workload(), m.concurrency());
			String step = m.workload() + " c=" + m.concurrency();
			rows.add(row(step + " ops/s", m.perSecond(), theirs.map(Measurement::perSecond), "%.1f"));
			rows.add(row(step + " p50 ms", m.p50Millis(), theirs.map(Measurement::p50Millis), "%.1f"));
			rows.add(row(step + " p99 ms", m.p99Millis(), theirs.map(Measurement::p99Millis), "%.1f"));
			rows.add(row(step + " server CPU ms/op", m.serverCpuMillisPerOperation(),
					theirs.map(Measurement::serverCpuMillisPerOperation), "%.2f"));
			if (m.errors() > 0 || theirs.map(Measurement::errors).orElse(0L) > 0) {
				rows.add(new String[] { step + " errors", Long.toString(m.errors()),
						theirs.map(t -> Long.toString(t.errors())).orElse("-"), "" });
			}
		}
		rows.add(row("RSS after load MiB", this.ours.rssBytes() >> 20, Optional.of((double) (this.keycloak.rssBytes() >> 20)),
				"%.0f"));
		rows.add(row("peak RSS MiB", this.ours.peakRssBytes() >> 20,
				Optional.of((double) (this.keycloak.peakRssBytes() >> 20)), "%.0f"));
		rows.add(row("first token after launch s", this.ours.curve().firstSuccessSeconds(),
				Optional.of(this.keycloak.curve().firstSuccessSeconds()), "%.1f"));
		long window = this.ours.curve().window().toSeconds();
		for (int i = 0; i < this.ours.curve().perSecond().size(); i++) {
			List<Double> theirs = this.keycloak.curve().perSecond();
			rows.add(row(String.format(Locale.ROOT, "tokens/s %d-%d s from launch", i * window, (i + 1) * window),
					this.ours.curve().perSecond().get(i),
					(i < theirs.size()) ? Optional.of(theirs.get(i)) : Optional.empty(), "%.0f"));
		}
		rows.add(row("password checks/s (own hash, all cores)", this.providerHashesPerSecond,
				Optional.of(this.keycloakHashesPerSecond), "%.1f"));
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%s, %d cores, JDK %s, %s; load average %.2f at start, %.2f at end%n",
				this.machine.cpu(), this.machine.cores(), this.machine.jdk(), this.machine.openssl(),
				this.loadAverageAtStart, this.loadAverageAtEnd));
		for (String[] r : rows) {
			out.append(String.format(Locale.ROOT, "%-42s %14s %14s %14s%n", (Object[]) r));
		}
		return out.toString();
	}

	private static String[] row(String figure, double ours, Optional<Double> theirs, String format) {
		String ratio = theirs.filter(t -> t > 0).map(t -> String.format(Locale.ROOT, "%.2fx", ours / t)).orElse("-");
		return new String[] { figure, String.format(Locale.ROOT, format, ours),
				theirs.map(t -> String.format(Locale.ROOT, format, t)).orElse("-"), ratio };
	}

}
