package dev.failsafe.idp.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The drill's report: written as {@code drill-report.json} and printed as one table. Keys:
 * {@code drill}, {@code rtoSeconds} and {@code failedRequests} per operation (around the kill, or
 * around the heal for the partition drill), {@code requests} per operation ({@code [made,
 * succeeded]}), {@code lost} ({@code sessions}, {@code codes}, {@code refreshTokens}, {@code keys}),
 * {@code revocationsLost}, {@code sessionsKept}/{@code sessionsHeld}, {@code tokensStillValid}/
 * {@code tokensHeld}, {@code load} (virtual users, seconds), and for the partition drill
 * {@code kidsWithTwoMaterials}, {@code signersAfterHeal} and {@code servedDuringCut} (per site, per
 * operation, {@code [made, succeeded]}).
 */
final class DrillReport {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final Map<String, Object> values = new LinkedHashMap<>();

	DrillReport(String drill) {
		this.values.put("drill", drill);
	}

	DrillReport put(String key, Object value) {
		this.values.put(key, value);
		return this;
	}

	Object get(String key) {
		return this.values.get(key);
	}

	/** Adds the load's figures around {@code eventNanos} and what the acknowledged checks found. */
	DrillReport load(OperationLog log, long eventNanos, Acknowledged.Verdict verdict) {
		put("rtoSeconds", log.recoverySeconds(eventNanos));
		put("failedRequests", log.failedAround(eventNanos));
		put("requests", log.totals());
		put("lastFailures", log.lastFailures());
		put("lost", verdict.lost());
		put("revocationsLost", verdict.revocationsLost());
		put("sessionsKept", verdict.sessionsKept());
		put("sessionsHeld", verdict.sessions());
		put("tokensStillValid", verdict.tokensStillValid());
		put("tokensHeld", verdict.tokens());
		return this;
	}

	void write(Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.writeString(file, JSON.writeValueAsString(this.values) + "\n");
	}

	/** The table: one row per operation, then what was lost and kept. */
	@SuppressWarnings("unchecked")
	String table() {
		Map<String, Double> rto = (Map<String, Double>) this.values.get("rtoSeconds");
		Map<String, Long> failed = (Map<String, Long>) this.values.get("failedRequests");
		Map<String, List<Long>> requests = (Map<String, List<Long>>) this.values.get("requests");
		StringBuilder table = new StringBuilder();
		table.append("%s drill%n".formatted(this.values.get("drill")));
		table.append("%-12s %10s %8s %10s %10s%n".formatted("operation", "rto (s)", "failed", "requests", "succeeded"));
		for (String operation : OperationLog.OPERATIONS) {
			Double seconds = rto.get(operation);
			List<Long> counts = requests.get(operation);
			table.append("%-12s %10s %8d %10d %10d%n".formatted(operation,
					(seconds != null) ? "%.2f".formatted(seconds) : "never", failed.get(operation), counts.get(0),
					counts.get(1)));
		}
		table.append("lost: %s, revocations lost: %s%n".formatted(this.values.get("lost"),
				this.values.get("revocationsLost")));
		table.append("sessions kept: %s of %s, tokens still valid at partner-api: %s of %s%n".formatted(
				this.values.get("sessionsKept"), this.values.get("sessionsHeld"), this.values.get("tokensStillValid"),
				this.values.get("tokensHeld")));
		for (String extra : List.of("kidsWithTwoMaterials", "signersAfterHeal", "servedDuringCut", "load")) {
			if (this.values.containsKey(extra)) {
				table.append("%s: %s%n".formatted(extra, this.values.get(extra)));
			}
		}
		return table.toString();
	}

}
