package dev.failsafe.idp.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Runs a {@link Workload} with a number of concurrent clients, each on its own thread in a closed
 * loop (the next request when the answer came): first for the warm-up time, unmeasured, then for
 * the measured time or until {@code maxRequests} answers were measured, whichever comes first. An
 * operation counts (and its latency too) when its answer arrives inside the measured time, whenever
 * it started, so slow operations (a sign-in under load takes seconds) are counted too.
 *
 * @param warmUp how long the clients run before anything is measured
 * @param measure how long the measured part lasts at the most
 * @param maxRequests the most answers measured, over all clients
 */
public record LoadDriver(Duration warmUp, Duration measure, int maxRequests) {

	public Measurement run(String name, Workload workload, int concurrency) throws Exception {
		return run(name, workload, concurrency, null);
	}

	/**
	 * {@link #run(String, Workload, int)}, also reading the server's CPU time (nanoseconds, e.g.
	 * {@link ProcessCpu}) when the measured time starts and when the last client stopped.
	 */
	public Measurement run(String name, Workload workload, int concurrency, LongSupplier serverCpuNanos)
			throws Exception {
		List<Workload.Client> clients = new ArrayList<>();
		for (int i = 0; i < concurrency; i++) {
			clients.add(workload.newClient());
		}
		long start = System.nanoTime();
		long measureFrom = start + this.warmUp.toNanos();
		long measureUntil = measureFrom + this.measure.toNanos();
		AtomicLong errors = new AtomicLong();
		long[][] latencies = new long[concurrency][];
		int perThread = Math.max(1, this.maxRequests / concurrency);
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < concurrency; i++) {
			int index = i;
			threads.add(Thread.ofPlatform().name("load-" + name + "-" + i).start(() -> latencies[index] = loop(
					clients.get(index), measureFrom, measureUntil, perThread, errors)));
		}
		long cpuAtStart = 0;
		if (serverCpuNanos != null) {
			long untilMeasured = measureFrom - System.nanoTime();
			if (untilMeasured > 0) {
				Thread.sleep(untilMeasured / 1_000_000, (int) (untilMeasured % 1_000_000));
			}
			cpuAtStart = serverCpuNanos.getAsLong();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		long cpu = (serverCpuNanos != null) ? serverCpuNanos.getAsLong() - cpuAtStart : -1;
		long end = Math.min(System.nanoTime(), measureUntil);
		long total = 0;
		for (long[] each : latencies) {
			total += each.length;
		}
		long[] all = new long[(int) total];
		int at = 0;
		for (long[] each : latencies) {
			System.arraycopy(each, 0, all, at, each.length);
			at += each.length;
		}
		double seconds = Math.max(1, end - measureFrom) / 1e9;
		Measurement measured = Measurement.of(name, concurrency, all, errors.get(), seconds);
		return (cpu >= 0) ? measured.withServerCpu(cpu) : measured;
	}

	private static long[] loop(Workload.Client client, long measureFrom, long measureUntil, int maxMeasured,
			AtomicLong errors) {
		long[] latencies = new long[Math.min(maxMeasured, 1 << 20)];
		int count = 0;
		while (count < latencies.length) {
			long before = System.nanoTime();
			if (before >= measureUntil) {
				break;
			}
			Exception failure = null;
			try {
				client.send();
			}
			catch (Exception ex) {
				failure = ex;
			}
			long after = System.nanoTime();
			if (after < measureFrom || after > measureUntil) {
				continue;
			}
			if (failure == null) {
				latencies[count++] = after - before;
			}
			else if (errors.incrementAndGet() == 1) {
				System.err.println("first error: " + failure);
			}
		}
		return Arrays.copyOf(latencies, count);
	}

}
