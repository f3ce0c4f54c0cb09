package dev.failsafe.idp.samples.verifier;

import java.util.Collection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opt-in ({@code -Didp.benchmark=true}; README, "Partner samples"): runs {@link VerificationBenchmark}
 * with JMH in a forked JVM and prints a {@code BENCHMARK} line with both throughputs and their
 * ratio, which must be at least 90%.
 */
@EnabledIfSystemProperty(named = "idp.benchmark", matches = "true")
class VerificationThroughputBenchmarkTest {

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

	private static double score(Collection<RunResult> results, String method) {
		return results.stream()
			.filter(result -> result.getParams().getBenchmark().endsWith("." + method))
			.findFirst()
			.orElseThrow()
			.getPrimaryResult()
			.getScore();
	}

}
