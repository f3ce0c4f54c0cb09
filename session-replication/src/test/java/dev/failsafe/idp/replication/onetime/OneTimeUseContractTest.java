package dev.failsafe.idp.replication.onetime;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.failsafe.idp.testing.Racers;
import dev.failsafe.idp.testing.Wait;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** What every {@link OneTimeUse} does; each implementation's test runs it. */
public abstract class OneTimeUseContractTest {

	protected abstract OneTimeUse store();

	@Test
	void firstUseWhenNewThenTrueAndAfterwardsFalse() {
		String key = UUID.randomUUID().toString();
		assertThat(store().firstUse(key, Duration.ofMinutes(5))).isTrue();
		assertThat(store().firstUse(key, Duration.ofMinutes(5))).isFalse();
		assertThat(store().firstUse(UUID.randomUUID().toString(), Duration.ofMinutes(5))).as("another key").isTrue();
	}

	@Test
	void firstUseWhenWindowPassedThenUsableAgain() {
		String key = UUID.randomUUID().toString();
		assertThat(store().firstUse(key, Duration.ofSeconds(1))).isTrue();
		Wait.until("the window to pass", Duration.ofSeconds(10), Duration.ofMillis(200),
				() -> store().firstUse(key + "-probe-" + System.nanoTime(), Duration.ofSeconds(1))
						&& store().firstUse(key, Duration.ofSeconds(1)));
	}

	@Test
	void firstUseWhenRacedThenExactlyOneWins() throws Exception {
		String key = UUID.randomUUID().toString();
		List<Boolean> wins = Racers.race(8, () -> store().firstUse(key, Duration.ofMinutes(5)));
		assertThat(wins).containsOnlyOnce(true).hasSize(8);
	}

	@Test
	void firstUseWhenKeyOrWindowOutOfBoundsThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> store().firstUse("", Duration.ofMinutes(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> store().firstUse("k".repeat(201), Duration.ofMinutes(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> store().firstUse("k", Duration.ofMillis(10)));
	}

}
