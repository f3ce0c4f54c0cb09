package dev.failsafe.idp.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class WaitTest {

	@Test
	void untilWhenConditionBecomesTrueThenReturnsAfterPolling() {
		AtomicInteger polls = new AtomicInteger();

		Wait.until("three polls", Duration.ofSeconds(5), Duration.ofMillis(1), () -> polls.incrementAndGet() == 3);

		assertThat(polls).hasValue(3);
	}

	@Test
	void untilWhenDeadlinePassesThenFailsWithWhatWasAwaitedAndTheDetail() {
		assertThatIllegalStateException()
			.isThrownBy(() -> Wait.until("the moon", Duration.ofMillis(30), Duration.ofMillis(5), () -> false,
					() -> "still a new moon"))
			.withMessageContaining("the moon: not within PT0.03S")
			.withMessageContaining("still a new moon");
	}

	@Test
	void untilWhenConditionThrowsThenStopsAtOnceWithThatException() {
		AtomicInteger polls = new AtomicInteger();

		assertThatIllegalStateException().isThrownBy(() -> Wait.until("a dead process", Duration.ofSeconds(30),
				Duration.ofMillis(1), () -> {
					polls.incrementAndGet();
					throw new IllegalStateException("it exited");
				})).withMessage("it exited");
		assertThat(polls).hasValue(1);
	}

}
