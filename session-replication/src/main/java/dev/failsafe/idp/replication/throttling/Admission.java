package dev.failsafe.idp.replication.throttling;

import java.time.Duration;
import java.util.Objects;

/**
 * A {@link LoginAttemptStore}'s answer: the attempt may go on (and is counted, under
 * {@code attemptId}, until it is reported a success or withdrawn), or must wait {@code retryAfter}.
 *
 * @param attemptId the counted attempt's id; null when refused
 * @param retryAfter how long until an attempt would be admitted; zero when admitted
 */
public record Admission(String attemptId, Duration retryAfter) {

	public Admission {
		Objects.requireNonNull(retryAfter, "retryAfter");
		if ((attemptId == null) == retryAfter.isZero()) {
			throw new IllegalArgumentException("An admission has an attempt id, a refusal a wait");
		}
	}

	static Admission admitted(String attemptId) {
		return new Admission(Objects.requireNonNull(attemptId, "attemptId"), Duration.ZERO);
	}

	static Admission refused(Duration retryAfter) {
		return new Admission(null, retryAfter);
	}

	public boolean isAdmitted() {
		return this.attemptId != null;
	}

}
