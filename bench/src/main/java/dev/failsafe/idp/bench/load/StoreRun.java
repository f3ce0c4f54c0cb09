package dev.failsafe.idp.bench.load;

import java.util.List;
import java.util.Optional;

/**
 * Every measurement against one provider setup, and the provider's memory after them.
 *
 * @param store {@code embedded} (Hazelcast in the provider) or {@code redis} (sessions and
 *        authorizations on a Redis primary whose writes one replica acknowledges)
 * @param measurements one per workload and concurrency
 * @param heapUsedBytes the provider's heap in use after the run
 * @param rssBytes the provider's resident set size after the run
 * @param peakRssBytes the provider's peak resident set size
 * @param loadAverage {@code /proc/loadavg}'s 1-minute figure at the end of the run
 * @param opensslRs256SignsPerSecond OpenSSL's RSA-2048 signs/s on all cores, the mean of a
 *        measurement right before and one right after the client_credentials steps (0 when not run)
 * @param passwordHashesPerSecond the password encoder's checks/s on all cores, the mean of a
 *        measurement right before and one right after the login steps (0 when not run)
 */
public record StoreRun(String store, List<Measurement> measurements, long heapUsedBytes, long rssBytes,
		long peakRssBytes, double loadAverage, double opensslRs256SignsPerSecond, double passwordHashesPerSecond) {

	public StoreRun {
		measurements = List.copyOf(measurements);
	}

	/** The best rate of {@code workload} over every concurrency. */
	public Optional<Measurement> fastest(String workload) {
		return this.measurements.stream()
			.filter(m -> m.workload().equals(workload))
			.max(java.util.Comparator.comparingDouble(Measurement::perSecond));
	}

	public Optional<Measurement> at(String workload, int concurrency) {
		return this.measurements.stream()
			.filter(m -> m.workload().equals(workload) && m.concurrency() == concurrency)
			.findFirst();
	}

}
