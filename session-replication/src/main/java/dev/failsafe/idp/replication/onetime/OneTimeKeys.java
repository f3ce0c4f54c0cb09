package dev.failsafe.idp.replication.onetime;

import java.time.Duration;

/** The arguments every {@link OneTimeUse} accepts. */
final class OneTimeKeys {

	static final int MAX_KEY_LENGTH = 200;

	private OneTimeKeys() {
	}

	static void check(String key, Duration window) {
		if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
			throw new IllegalArgumentException("a one-time key is 1 to " + MAX_KEY_LENGTH + " characters");
		}
		if (window == null || window.toMillis() < 1000) {
			throw new IllegalArgumentException("a one-time use is remembered for at least a second");
		}
	}

}
