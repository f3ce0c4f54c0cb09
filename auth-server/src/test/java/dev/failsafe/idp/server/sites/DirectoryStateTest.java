package dev.failsafe.idp.server.sites;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoryStateTest {

	private static final Instant T0 = Instant.parse("2026-12-05T01:00:00Z");

	private static final Duration MAX_AGE = Duration.ofSeconds(3);

	@ParameterizedTest(name = "last read at {0} ms, failures from {1} ms, asked at {2} ms -> {3}")
	@CsvSource({
			// a read within max-age is ready, even with failed checks since
			"0, -1, 0, UP", "0, -1, 3000, UP", "0, 500, 2900, UP",
			// beyond max-age it is not, failing or not (a check hanging records nothing)
			"0, -1, 3001, OUT_OF_SERVICE", "0, 500, 3500, OUT_OF_SERVICE",
			// a read after the failures clears them
			"4000, 500, 4100, UP" })
	void healthWhenTimelineThenReadyOnlyWithinMaxAgeOfLastRead(long readAt, long failedAt, long askedAt,
			String expected) {
		DirectoryState state = DirectoryState.UNCHECKED.read(at(0), DirectoryRead.Reached.PRIMARY);
		if (failedAt >= 0) {
			state = state.failed(at(failedAt), "no answer within PT1S");
		}
		if (readAt > 0) {
			state = state.read(at(readAt), DirectoryRead.Reached.STANDBY);
		}
		assertThat(state.health(at(askedAt), MAX_AGE).getStatus()).isEqualTo(new Status(expected));
	}

	@Test
	void healthWhenNeverCheckedThenNotReady() {
		assertThat(DirectoryState.UNCHECKED.health(T0, MAX_AGE).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
	}

	@Test
	void healthWhenReadFromStandbyThenReadyButNotWritable() {
		Health health = DirectoryState.UNCHECKED.read(T0, DirectoryRead.Reached.STANDBY)
			.health(T0.plusSeconds(1), MAX_AGE);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("role", "standby")
			.containsEntry("writable", false)
			.containsEntry("lastReadAgo", "PT1S")
			.doesNotContainKey("problem");
	}

	@Test
	void healthWhenFailingThenSaysWhy() {
		Health health = DirectoryState.UNCHECKED.read(T0, DirectoryRead.Reached.PRIMARY)
			.failed(T0.plusSeconds(1), "no answer within PT1S")
			.health(T0.plusSeconds(5), MAX_AGE);
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(health.getDetails()).containsEntry("directory", "unreachable")
			.containsEntry("writable", false)
			.containsEntry("problem", "no answer within PT1S");
	}

	private static Instant at(long millis) {
		return T0.plusMillis(millis);
	}

}
