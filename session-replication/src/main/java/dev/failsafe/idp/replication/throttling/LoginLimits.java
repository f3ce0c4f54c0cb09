package dev.failsafe.idp.replication.throttling;

import java.time.Duration;
import java.util.Objects;

/**
 * The login throttling policy a {@link LoginAttemptStore} applies: how many failed attempts within
 * {@code window} each counter tolerates before it demands a wait.
 *
 * @param perPair failures of one account from one address; past it, that pair waits (other
 * addresses go on trying that account, so an attacker cannot lock the real user out)
 * @param perAddress failures from one address over all accounts; past it, the address waits
 * @param perAccount failures of one account over all addresses; past it the account is under a
 * distributed attack, and each address gets one failure for it per window instead of
 * {@code perPair}
 * @param window how far back failures count
 */
public record LoginLimits(int perPair, int perAddress, int perAccount, Duration window) {

	public LoginLimits {
		if (perPair < 1 || perAddress < 1 || perAccount < 1) {
			throw new IllegalArgumentException("Login limits must be at least 1");
		}
		Objects.requireNonNull(window, "window");
		if (window.toMillis() < 1) {
			throw new IllegalArgumentException("The login throttling window must be at least 1 ms");
		}
	}

	/** The pair limit while the account has {@code accountFailures} failures in the window. */
	int pairLimit(long accountFailures) {
		return (accountFailures >= this.perAccount) ? 1 : this.perPair;
	}

}
