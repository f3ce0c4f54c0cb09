package dev.failsafe.idp.bench.load;

import java.util.Arrays;

/**
 * One workload at one concurrency: how many operations completed in the measured time, and their
 * latency percentiles (of successful operations only).
 *
 * @param workload the workload's name
 * @param concurrency the number of concurrent clients
 * @param operations successful operations while measured
 * @param errors operations that failed (a wrong status or answer, an I/O error)
 * @param seconds the measured time
 * @param p50Millis median latency
 * @param p99Millis 99th percentile latency
 * @param serverCpuMillisPerOperation the server's CPU time (all its threads) over the measured time,
 *        divided by the operations: what one operation costs the server, 0 when not measured
 */
public record Measurement(String workload, int concurrency, long operations, long errors, double seconds,
		double p50Millis, double p99Millis, double serverCpuMillisPerOperation) {

	/** Operations per second. */
	public double perSecond() {
		return (this.seconds > 0) ? this.operations / this.seconds : 0;
	}

	/** A measurement from raw latencies in nanoseconds (any order; sorted here). */
	public static Measurement of(String workload, int concurrency, long[] latencyNanos, long errors, double seconds) {
		long[] sorted = latencyNanos.clone();
		Arrays.sort(sorted);
		return new Measurement(workload, concurrency, sorted.length, errors, seconds, percentile(sorted, 0.50) / 1e6,
				percentile(sorted, 0.99) / 1e6, 0);
	}

	/** This measurement with the server's CPU time over the measured time spread over its operations. */
	public Measurement withServerCpu(long cpuNanos) {
		double perOperation = (this.operations > 0) ? cpuNanos / 1e6 / this.operations : 0;
		return new Measurement(this.workload, this.concurrency, this.operations, this.errors, this.seconds,
				this.p50Millis, this.p99Millis, perOperation);
	}

	/** The nearest-rank percentile of sorted values; 0 when there are none. */
	static double percentile(long[] sorted, double fraction) {
		if (sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(fraction * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
	}

}
