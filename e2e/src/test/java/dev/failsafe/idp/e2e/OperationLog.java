package dev.failsafe.idp.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every request the drill's load made: which operation, when it started, whether it succeeded. From it
 * the report reads each operation's recovery time around an event (the last success before it to the
 * first success after it) and the requests that failed in between.
 */
final class OperationLog {

	/** The operations of the load, in the order of the report's table (the last is {@link AdminWrites}'). */
	static final List<String> OPERATIONS = List.of("login", "token", "userinfo", "refresh", "jwks", "partnerApi",
			AdminWrites.OPERATION);

	private record Outcome(String operation, long atNanos, boolean ok) {
	}

	private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

	private final Map<String, String> lastFailure = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * Records a request by the time it started: one that started before the event and ended after it
	 * was served by the world before the event.
	 */
	void record(String operation, long startedNanos, boolean ok) {
		this.outcomes.add(new Outcome(operation, startedNanos, ok));
	}

	/** Keeps why the operation last failed, for the report. */
	void failed(String operation, String why) {
		this.lastFailure.put(operation, why);
	}

	/** Per operation, why it last failed. */
	Map<String, String> lastFailures() {
		return new java.util.TreeMap<>(this.lastFailure);
	}

	/** Whether every operation has succeeded at least once after {@code eventNanos}. */
	boolean allRecoveredAfter(long eventNanos) {
		return OPERATIONS.stream()
			.allMatch(operation -> this.outcomes.stream()
				.anyMatch(outcome -> outcome.operation().equals(operation) && outcome.ok()
						&& outcome.atNanos() > eventNanos));
	}

	/**
	 * Per operation: seconds from its last success before {@code eventNanos} to its first success
	 * after it (null when it never succeeded again).
	 */
	Map<String, Double> recoverySeconds(long eventNanos) {
		Map<String, Double> seconds = new LinkedHashMap<>();
		for (String operation : OPERATIONS) {
			Long before = lastOkBefore(operation, eventNanos);
			Long after = firstOkAfter(operation, eventNanos);
			seconds.put(operation, (before != null && after != null) ? Math.round((after - before) / 1e7) / 100.0 : null);
		}
		return seconds;
	}

	/** Per operation: requests that failed between its last success before the event and its recovery. */
	Map<String, Long> failedAround(long eventNanos) {
		Map<String, Long> failed = new LinkedHashMap<>();
		for (String operation : OPERATIONS) {
			Long lastOk = lastOkBefore(operation, eventNanos);
			long from = (lastOk != null) ? lastOk : eventNanos;
			Long to = firstOkAfter(operation, eventNanos);
			long until = (to != null) ? to : Long.MAX_VALUE;
			failed.put(operation, this.outcomes.stream()
				.filter(outcome -> outcome.operation().equals(operation) && !outcome.ok() && outcome.atNanos() > from
						&& outcome.atNanos() < until)
				.count());
		}
		return failed;
	}

	/** Per operation: requests made and requests that succeeded over the whole drill. */
	Map<String, List<Long>> totals() {
		Map<String, List<Long>> totals = new LinkedHashMap<>();
		for (String operation : OPERATIONS) {
			long all = this.outcomes.stream().filter(outcome -> outcome.operation().equals(operation)).count();
			long ok = this.outcomes.stream().filter(outcome -> outcome.operation().equals(operation) && outcome.ok())
				.count();
			totals.put(operation, new ArrayList<>(List.of(all, ok)));
		}
		return totals;
	}

	private Long lastOkBefore(String operation, long eventNanos) {
		return this.outcomes.stream()
			.filter(outcome -> outcome.operation().equals(operation) && outcome.ok() && outcome.atNanos() <= eventNanos)
			.map(Outcome::atNanos)
			.max(Long::compare)
			.orElse(null);
	}

	/** Seconds from {@code eventNanos} to the first success of {@code operation} after it, or null. */
	Double secondsToFirstSuccess(String operation, long eventNanos) {
		Long after = firstOkAfter(operation, eventNanos);
		return (after != null) ? Math.round((after - eventNanos) / 1e7) / 100.0 : null;
	}

	private Long firstOkAfter(String operation, long eventNanos) {
		return this.outcomes.stream()
			.filter(outcome -> outcome.operation().equals(operation) && outcome.ok() && outcome.atNanos() > eventNanos)
			.map(Outcome::atNanos)
			.min(Long::compare)
			.orElse(null);
	}

}
