package dev.failsafe.idp.bench.compare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.failsafe.idp.bench.load.Workload;

/**
 * Throughput of one workload per window of time from the server's launch: how soon it serves, and
 * how soon at full speed. Clients run in closed loops from the launch on; until the server answers
 * (connection refused, not ready) each failed request is followed by a short pause, so waiting
 * clients do not take CPU from the start-up they wait for. An operation counts in the window its
 * answer arrived in.
 *
 * @param window the length of each window
 * @param perSecond operations per second in each window, the first starting at the launch
 * @param firstSuccessSeconds seconds from the launch to the first successful operation (-1: none)
 */
public record WarmUpCurve(Duration window, List<Double> perSecond, double firstSuccessSeconds) {

	/** The pause after a failed request while the server starts. */
	static final Duration RETRY_PAUSE = Duration.ofMillis(50);

	public WarmUpCurve {
		perSecond = List.copyOf(perSecond);
	}

	/**
	 * Runs {@code workload} with {@code clients} concurrent clients from {@code launchNanos} (a
	 * {@link System#nanoTime()} taken right before the launch) until {@code total} after it.
	 */
	public static WarmUpCurve measure(Workload workload, int clients, long launchNanos, Duration total,
			Duration window) throws Exception {
		int windows = Math.toIntExact(total.toNanos() / window.toNanos());
		AtomicLongArray counts = new AtomicLongArray(windows);
		AtomicLong firstSuccess = new AtomicLong(Long.MAX_VALUE);
		long until = launchNanos + windows * window.toNanos();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			Workload.Client client = workload.newClient();
			threads.add(Thread.ofPlatform().name("warm-up-" + i).start(() -> {
				while (System.nanoTime() < until) {
					try {
						client.send();
						long at = System.nanoTime() - launchNanos;
						firstSuccess.accumulateAndGet(at, Math::min);
						int index = (int) (at / window.toNanos());
						if (index < windows) {
							counts.incrementAndGet(index);
						}
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
					catch (Exception notServingYet) {
						try {
							Thread.sleep(RETRY_PAUSE);
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
							return;
						}
					}
				}
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		double seconds = window.toNanos() / 1e9;
		List<Double> perSecond = new ArrayList<>();
		for (int i = 0; i < windows; i++) {
			perSecond.add(counts.get(i) / seconds);
		}
		long first = firstSuccess.get();
		return new WarmUpCurve(window, perSecond, (first == Long.MAX_VALUE) ? -1 : first / 1e9);
	}

	/** The rate of the window that ends at {@code second} after the launch (0 if none). */
	public double at(int second) {
		int index = Math.toIntExact(second / this.window.toSeconds()) - 1;
		return (index >= 0 && index < this.perSecond.size()) ? this.perSecond.get(index) : 0;
	}

}
