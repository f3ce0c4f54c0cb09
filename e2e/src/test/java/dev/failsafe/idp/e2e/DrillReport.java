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
 * {@code drill} and {@code scenario} (its name, {@code kill-a}...), {@code rtoSeconds} per operation
 * (the load's: from its last success before the fault to its first success after it;
 * {@code adminWrite}: from the fault to the first acknowledged directory write) and
 * {@code failedRequests} in between, {@code requests} per operation ({@code [made, succeeded]}),
 * {@code lost} ({@code sessions}, {@code codes}, {@code refreshTokens}, {@code keys}, {@code clients}:
 * acknowledged and later missing), {@code revocationsLost}, {@code sessionsKept}/{@code sessionsHeld},
 * {@code tokensStillValid}/{@code tokensHeld}, {@code adminWrites} (acknowledged, lost ids),
 * {@code processesKilled}, {@code readyDuringFault} and {@code servingExpected} (the sites),
 * {@code primariesDuringFault} and {@code writablePrimariesAfterRepair} (Redis, directory),
 * {@code failBack} for a killed place (its Redis role and the acknowledged sessions it holds, its
 * PostgreSQL role and the acknowledged clients it holds), {@code load} (virtual users, seconds); for
 * {@code cut-ab} also {@code kidsWithTwoMaterials}, {@code signersAfterHeal}, {@code rotatedDuringCut},
 * {@code adminAtBDuringCut} (the status of B's admin API during the cut) and {@code servedDuringCut}
 * (per site, per operation, {@code [made, succeeded]}); for {@code kill-a} also
 * {@code rtoSeconds.backchannelLogout} (from the kill of A to the arrival, from site B, of the logout
 * token of a logout acknowledged at A just before: {@link PendingLogout}), {@code lost.backchannelLogouts}
 * (1 when it never came) and {@code backchannelLogout} (which site each call came from).
 */
final class DrillReport {

	/** The back-channel logout's row in {@code rtoSeconds} and the table. */
	static final String BACKCHANNEL_LOGOUT = "backchannelLogout";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final Map<String, Object> values = new LinkedHashMap<>();

	DrillReport(String scenario) {
		this.values.put("drill", "matrix");
		this.values.put("scenario", scenario);
	}

	DrillReport put(String key, Object value) {
		this.values.put(key, value);
		return this;
	}

	Object get(String key) {
		return this.values.get(key);
	}

	/** Adds the load's figures around the fault and what the acknowledged checks found. */
	DrillReport load(OperationLog log, long faultNanos, Acknowledged.Verdict verdict, int clientsLost) {
		Map<String, Double> rto = log.recoverySeconds(faultNanos);
		rto.put(AdminWrites.OPERATION, log.secondsToFirstSuccess(AdminWrites.OPERATION, faultNanos));
		put("rtoSeconds", rto);
		put("failedRequests", log.failedAround(faultNanos));
		put("requests", log.totals());
		put("lastFailures", log.lastFailures());
		Map<String, Integer> lost = new LinkedHashMap<>(verdict.lost());
		lost.put("clients", clientsLost);
		put("lost", lost);
		put("revocationsLost", verdict.revocationsLost());
		put("sessionsKept", verdict.sessionsKept());
		put("sessionsHeld", verdict.sessions());
		put("tokensStillValid", verdict.tokensStillValid());
		put("tokensHeld", verdict.tokens());
		return this;
	}

	/** Adds the kill-a drill's back-channel logout: its figure, a loss when it never came, who sent what. */
	@SuppressWarnings("unchecked")
	DrillReport backChannelLogout(PendingLogout.Delivery delivery) {
		((Map<String, Double>) get("rtoSeconds")).put(BACKCHANNEL_LOGOUT, delivery.seconds());
		((Map<String, Integer>) get("lost")).put("backchannelLogouts", (delivery.seconds() != null) ? 0 : 1);
		return put("backchannelLogout", delivery.details());
	}

	/**
	 * Whether the scenario held: nothing acknowledged lost (sessions, codes, refresh tokens, keys,
	 * clients, revocations, no kid with two materials), every operation recovered, exactly the
	 * expected sites ready during the fault, one writable primary of each store after the repair, and
	 * a killed place back as a replica holding everything.
	 */
	@SuppressWarnings("unchecked")
	boolean held() {
		return problems().isEmpty();
	}

	/** What did not hold, one line each (empty when {@link #held()}). */
	@SuppressWarnings("unchecked")
	List<String> problems() {
		List<String> problems = new java.util.ArrayList<>();
		((Map<String, Integer>) get("lost")).forEach((what, count) -> {
			if (count != 0) {
				problems.add(count + " acknowledged " + what + " lost");
			}
		});
		if (!Integer.valueOf(0).equals(get("revocationsLost"))) {
			problems.add(get("revocationsLost") + " revocations lost");
		}
		if (get("kidsWithTwoMaterials") != null && !Integer.valueOf(0).equals(get("kidsWithTwoMaterials"))) {
			problems.add(get("kidsWithTwoMaterials") + " kids with two materials");
		}
		if (!get("sessionsKept").equals(get("sessionsHeld"))) {
			problems.add("sessions kept " + get("sessionsKept") + " of " + get("sessionsHeld"));
		}
		if (!get("tokensStillValid").equals(get("tokensHeld"))) {
			problems.add("tokens still valid " + get("tokensStillValid") + " of " + get("tokensHeld"));
		}
		((Map<String, Double>) get("rtoSeconds")).forEach((operation, seconds) -> {
			if (seconds == null) {
				problems.add(operation + " never recovered");
			}
		});
		if (!get("readyDuringFault").equals(get("servingExpected"))) {
			problems.add("ready during the fault " + get("readyDuringFault") + ", expected " + get("servingExpected"));
		}
		Map<String, List<String>> primaries = (Map<String, List<String>>) get("writablePrimariesAfterRepair");
		if (primaries == null || primaries.values().stream().anyMatch(places -> places.size() != 1)) {
			problems.add("writable primaries after the repair " + primaries);
		}
		Map<String, Object> failBack = (Map<String, Object>) get("failBack");
		if (failBack != null && (!"slave".equals(failBack.get("redisRole"))
				|| !"replica".equals(failBack.get("directoryRole")) || !all((List<?>) failBack.get("sessionsHeld"))
				|| !all((List<?>) failBack.get("clientsHeld")))) {
			problems.add("fail-back " + failBack);
		}
		return problems;
	}

	/** Whether a {@code [held, of]} pair holds all. */
	private static boolean all(List<?> heldOf) {
		return ((Number) heldOf.get(0)).longValue() == ((Number) heldOf.get(1)).longValue();
	}

	private static String seconds(Double seconds) {
		return (seconds != null) ? "%.2f".formatted(seconds) : "never";
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
		table.append("%s%n".formatted(this.values.get("scenario")));
		table.append("%-17s %10s %8s %10s %10s%n".formatted("operation", "rto (s)", "failed", "requests", "succeeded"));
		for (String operation : OperationLog.OPERATIONS) {
			List<Long> counts = requests.get(operation);
			table.append("%-17s %10s %8d %10d %10d%n".formatted(operation, seconds(rto.get(operation)),
					failed.get(operation), counts.get(0), counts.get(1)));
		}
		if (rto.containsKey(BACKCHANNEL_LOGOUT)) {
			table.append("%-17s %10s %8s %10s %10s%n".formatted(BACKCHANNEL_LOGOUT, seconds(rto.get(BACKCHANNEL_LOGOUT)),
					"-", "1", (rto.get(BACKCHANNEL_LOGOUT) != null) ? "1" : "0"));
		}
		table.append("lost: %s, revocations lost: %s%n".formatted(this.values.get("lost"),
				this.values.get("revocationsLost")));
		table.append("sessions kept: %s of %s, tokens still valid at partner-api: %s of %s%n".formatted(
				this.values.get("sessionsKept"), this.values.get("sessionsHeld"), this.values.get("tokensStillValid"),
				this.values.get("tokensHeld")));
		for (String extra : List.of("processesKilled", "adminWrites", "backchannelLogout", "readyDuringFault", "primariesDuringFault",
				"writablePrimariesAfterRepair", "failBack", "kidsWithTwoMaterials", "signersAfterHeal", "adminAtBDuringCut",
				"servedDuringCut", "load")) {
			if (this.values.containsKey(extra)) {
				table.append("%s: %s%n".formatted(extra, this.values.get(extra)));
			}
		}
		List<String> problems = problems();
		table.append(problems.isEmpty() ? "held\n" : "DID NOT HOLD: " + String.join("; ", problems) + "\n");
		return table.toString();
	}

}
