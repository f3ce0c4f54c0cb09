package dev.failsafe.idp.server.backchannel;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again, or that it is not: a pure rule, time passed in. The wait
 * before attempt {@code n + 1} is {@code initialBackoff * 2^(n-1)}, at most {@code maxBackoff}, less a
 * random fifth (so relying parties back from an outage are not called by every node at the same
 * moment). After {@code maxAttempts} attempts, or once the next attempt would come later than
 * {@code giveUpAfter} after the logout, the delivery is given up.
 */
final class Backoff {

	private final BackChannelLogoutProperties settings;

	private final DoubleSupplier random;

	/** @param random values in [0, 1) */
	Backoff(BackChannelLogoutProperties settings, DoubleSupplier random) {
		this.settings = settings;
		this.random = random;
	}

	/**
	 * The next attempt after {@code failedAttempts} failed ones (at least 1), the last one ending at
	 * {@code now}, for a logout acknowledged at {@code createdAt}; empty when the delivery is given up.
	 */
	Optional<Instant> nextAttempt(int failedAttempts, Instant createdAt, Instant now) {
		if (failedAttempts >= this.settings.maxAttempts()) {
			return Optional.empty();
		}
		Duration wait = wait(failedAttempts);
		Instant next = now.plus(wait);
		return next.isAfter(createdAt.plus(this.settings.giveUpAfter())) ? Optional.empty() : Optional.of(next);
	}

	Duration wait(int failedAttempts) {
		Duration max = this.settings.maxBackoff();
		Duration wait = this.settings.initialBackoff();
		for (int i = 1; i < failedAttempts && wait.compareTo(max) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		if (wait.compareTo(max) > 0) {
			wait = max;
		}
		long jitter = (long) (wait.toMillis() * 0.2 * this.random.getAsDouble());
		return wait.minusMillis(jitter);
	}

}
