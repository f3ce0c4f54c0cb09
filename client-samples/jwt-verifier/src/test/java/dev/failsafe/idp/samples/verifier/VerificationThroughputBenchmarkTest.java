package dev.failsafe.idp.samples.verifier;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opt-in ({@code -Didp.benchmark=true}; README, "Partner samples"): the library's verification of
 * one token against raw Nimbus's, two ways. With JMH in a forked JVM ({@link VerificationBenchmark}),
 * throughput in wall-clock time, each side measured after the other (at least 90%); and in this JVM,
 * both sides in alternating rounds timed by the thread's CPU time (at least 95%), which other work on
 * the machine does not move: on a shared machine the wall-clock figures of the same code ranged from
 * 70% to 124% between runs, the CPU-time ones within a few percent. Each prints a {@code BENCHMARK}
 * line.
 */
@EnabledIfSystemProperty(named = "idp.benchmark", matches = "true")
class VerificationThroughputBenchmarkTest {

	private static final int WARM_UP_ROUNDS = 6;

	private static final int ROUNDS = 11;

	private static final int PER_ROUND = 3_000;

	@Test
	void libraryWhenVerifyingOneTokenThenAtLeastNinetyPercentOfRawNimbus() throws Exception {
		Options options = new OptionsBuilder().include(VerificationBenchmark.class.getName())
			.forks(1)
			.threads(1)
			.warmupIterations(5)
			.warmupTime(TimeValue.seconds(2))
			.measurementIterations(8)
			.measurementTime(TimeValue.seconds(2))
			.build();

		Collection<RunResult> results = new Runner(options).run();

		double library = score(results, "library");
		double raw = score(results, "rawNimbus");
		double ratio = library / raw;
		System.out.printf("BENCHMARK verifications/s: library %.0f, raw Nimbus %.0f, ratio %.1f%%%n", library, raw,
				ratio * 100);
		assertThat(ratio).isGreaterThanOrEqualTo(0.9);
	}

	@Test
	void libraryWhenVerifyingOneTokenThenAtLeastNinetyFivePercentOfRawNimbusInCpuTime() throws Exception {
		ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
		VerificationBenchmark benchmark = new VerificationBenchmark();
		benchmark.setUp();
		try {
			for (int round = 0; round < WARM_UP_ROUNDS; round++) {
				cpuNanos(cpu, benchmark::library);
				cpuNanos(cpu, benchmark::rawNimbus);
			}
			List<Double> ratios = new ArrayList<>();
			long libraryNanos = 0;
			long rawNanos = 0;
			for (int round = 0; round < ROUNDS; round++) {
				// Alternate which side goes first, so a drift favours neither.
				long library;
				long raw;
				if (round % 2 == 0) {
					library = cpuNanos(cpu, benchmark::library);
					raw = cpuNanos(cpu, benchmark::rawNimbus);
				}
				else {
					raw = cpuNanos(cpu, benchmark::rawNimbus);
					library = cpuNanos(cpu, benchmark::library);
				}
				libraryNanos += library;
				rawNanos += raw;
				ratios.add(raw / (double) library);
			}
			ratios.sort(null);
			double median = ratios.get(ratios.size() / 2);
			System.out.printf("BENCHMARK verifications per CPU second: library %.0f, raw Nimbus %.0f, ratio %.1f%% "
					+ "(median of %d rounds; lowest %.1f%%, highest %.1f%%)%n", ROUNDS * PER_ROUND / (libraryNanos / 1e9),
					ROUNDS * PER_ROUND / (rawNanos / 1e9), median * 100, ROUNDS, ratios.get(0) * 100,
					ratios.get(ratios.size() - 1) * 100);
			assertThat(median).isGreaterThanOrEqualTo(0.95);
		}
		finally {
			benchmark.tearDown();
		}
	}

	/** The thread's CPU time for {@link #PER_ROUND} verifications. */
	private static long cpuNanos(ThreadMXBean cpu, Verification verification) throws Exception {
		long before = cpu.getCurrentThreadCpuTime();
		for (int i = 0; i < PER_ROUND; i++) {
			verification.run();
		}
		return cpu.getCurrentThreadCpuTime() - before;
	}

	@FunctionalInterface
	private interface Verification {

		Object run() throws Exception;

	}

	private static double score(Collection<RunResult> results, String method) {
		return results.stream()
			.filter(result -> result.getParams().getBenchmark().endsWith("." + method))
			.findFirst()
			.orElseThrow()
			.getPrimaryResult()
			.getScore();
	}

}
