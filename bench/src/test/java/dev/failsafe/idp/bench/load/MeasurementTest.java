package dev.failsafe.idp.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MeasurementTest {

	@Test
	void ofWhenLatenciesAreGivenThenNearestRankPercentilesAreInMilliseconds() {
		long[] nanos = new long[100];
		for (int i = 0; i < nanos.length; i++) {
			nanos[nanos.length - 1 - i] = (i + 1) * 1_000_000L;
		}

		Measurement m = Measurement.of("jwks", 8, nanos, 2, 4.0);

		assertThat(m.p50Millis()).isEqualTo(50.0);
		assertThat(m.p99Millis()).isEqualTo(99.0);
		assertThat(m.operations()).isEqualTo(100);
		assertThat(m.errors()).isEqualTo(2);
		assertThat(m.perSecond()).isEqualTo(25.0);
	}

	@Test
	void ofWhenNothingSucceededThenEverythingIsZero() {
		Measurement m = Measurement.of("login", 1, new long[0], 5, 2.0);

		assertThat(m.p50Millis()).isZero();
		assertThat(m.p99Millis()).isZero();
		assertThat(m.perSecond()).isZero();
	}

	@Test
	void withServerCpuWhenOperationsRanThenCpuMillisecondsPerOperation() {
		Measurement m = Measurement.of("client_credentials", 8, new long[] { 1, 2, 3, 4 }, 0, 1.0);

		assertThat(m.withServerCpu(10_000_000L).serverCpuMillisPerOperation()).isEqualTo(2.5);
		assertThat(Measurement.of("jwks", 1, new long[0], 1, 1.0).withServerCpu(5_000_000L).serverCpuMillisPerOperation())
			.isZero();
	}

	@Test
	void percentileWhenOneValueThenItIsEveryPercentile() {
		assertThat(Measurement.percentile(new long[] { 7 }, 0.5)).isEqualTo(7);
		assertThat(Measurement.percentile(new long[] { 7 }, 0.99)).isEqualTo(7);
	}

}
