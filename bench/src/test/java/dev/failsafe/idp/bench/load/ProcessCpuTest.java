package dev.failsafe.idp.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessCpuTest {

	@Test
	void parseWhenTheCommandHoldsSpacesAndParenthesesThenUserPlusSystemTicksInNanoseconds() {
		String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 12 34 56";

		assertThat(ProcessCpu.parse(stat)).isEqualTo(300 * 10_000_000L);
	}

	@Test
	void nanosWhenThisProcessWorksThenItGrows() {
		long pid = ProcessHandle.current().pid();
		long before = ProcessCpu.nanos(pid);
		long spin = System.nanoTime() + 200_000_000L;
		double sink = 0;
		while (System.nanoTime() < spin) {
			sink += Math.sqrt(sink + 1);
		}

		assertThat(ProcessCpu.nanos(pid)).isGreaterThan(before).as("sink %s", sink);
	}

}
