package dev.failsafe.idp.bench.compare;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.failsafe.idp.bench.load.Workload;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WarmUpCurveTest {

	@Test
	void measureWhenTheServerServesOnlyAfterAWhileThenEarlyWindowsAreEmptyAndFailuresAreNotCounted()
			throws Exception {
		long launch = System.nanoTime();
		long servesFrom = launch + Duration.ofMillis(1_100).toNanos();
		AtomicInteger failures = new AtomicInteger();
		Workload startingServer = () -> () -> {
			if (System.nanoTime() < servesFrom) {
				failures.incrementAndGet();
				throw new IOException("Connection refused");
			}
			Thread.sleep(10);
		};

		WarmUpCurve curve = WarmUpCurve.measure(startingServer, 2, launch, Duration.ofSeconds(3),
				Duration.ofSeconds(1));

		assertThat(curve.perSecond()).hasSize(3);
		assertThat(curve.perSecond().get(0)).isZero();
		assertThat(curve.perSecond().get(2)).isPositive();
		assertThat(curve.firstSuccessSeconds()).isCloseTo(1.1, within(0.5));
		// While it refused, each client paused between tries: about 1.1 s / 50 ms per client, not thousands.
		assertThat(failures.get()).isLessThan(2 * 1_100 / 50 + 10);
		assertThat(curve.at(3)).isEqualTo(curve.perSecond().get(2));
		assertThat(curve.at(4)).isZero();
	}

}
