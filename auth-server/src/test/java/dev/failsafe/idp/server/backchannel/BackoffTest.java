package dev.failsafe.idp.server.backchannel;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

	private static final Instant LOGOUT = Instant.parse("2026-01-01T10:00:00Z");

	/** The defaults: 2 s doubling to 15 min, 15 attempts, 6 h. */
	private static final BackChannelLogoutProperties DEFAULTS = settings(15, Duration.ofHours(6));

	@ParameterizedTest
	@CsvSource({ "1, 0.0, PT2S", "2, 0.0, PT4S", "3, 0.0, PT8S", "9, 0.0, PT8M32S", "10, 0.0, PT15M", "14, 0.0, PT15M",
			"1, 0.5, PT1.8S", "3, 0.99, PT6.416S", "10, 0.5, PT13M30S" })
	void waitWhenAttemptsFailedThenDoublesUpToTheMaximumLessAtMostAFifth(int failed, double random, Duration wait) {
		assertThat(new Backoff(DEFAULTS, () -> random).wait(failed)).isEqualTo(wait);
	}

	@ParameterizedTest
	@CsvSource({
			// failed attempts, minutes since the logout, next attempt in seconds (-1: given up)
			"1, 0, 2", "14, 60, 900", "15, 60, -1", "5, 359, 32", "5, 360, -1", "5, 300, 32" })
	void nextAttemptWhenBoundsReachedThenGivenUp(int failed, long minutes, long nextInSeconds) {
		Instant now = LOGOUT.plus(Duration.ofMinutes(minutes));
		var next = new Backoff(DEFAULTS, () -> 0.0).nextAttempt(failed, LOGOUT, now);
		if (nextInSeconds < 0) {
			assertThat(next).isEmpty();
		}
		else {
			assertThat(next).contains(now.plusSeconds(nextInSeconds));
		}
	}

	@Test
	void nextAttemptWhenOneAttemptAllowedThenTheFirstFailureGivesUp() {
		assertThat(new Backoff(settings(1, Duration.ofHours(1)), () -> 0.0).nextAttempt(1, LOGOUT, LOGOUT)).isEmpty();
	}

	static BackChannelLogoutProperties settings(int maxAttempts, Duration giveUpAfter) {
		return new BackChannelLogoutProperties(Duration.ofSeconds(2), Duration.ofSeconds(5), 16, maxAttempts,
				giveUpAfter, Duration.ofSeconds(2), Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofSeconds(30),
				Duration.ofMinutes(2));
	}

}
