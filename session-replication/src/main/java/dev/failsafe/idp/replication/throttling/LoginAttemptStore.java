package dev.failsafe.idp.replication.throttling;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Counts login attempts per (account, address) pair, per address and per account over a sliding
 * window, and decides by {@link LoginLimits} whether the next one may go on.
 *
 * <p>An attempt is counted when it is admitted, before its password is checked, as <em>pending</em>,
 * so concurrent attempts cannot all pass the check before any of them is counted: of many at once, at
 * most the limit get through. Its outcome then settles it: a {@linkplain #failed failure} counts for
 * the window; a {@linkplain #succeeded success} is taken back and the pair's earlier failures are
 * forgotten; an attempt whose password could not be checked is {@linkplain #withdraw withdrawn}. A
 * pending attempt nobody settles (its node died while checking) stops counting after
 * {@link #PENDING_LIFETIME}, so a crash never leaves a user locked out for a whole window.
 *
 * <p>{@code account} and {@code address} are identifiers the caller derives (hashes of the account
 * name and of the address, say): 1 to 100 characters of {@code [A-Za-z0-9_-]}, used in keys as
 * they are. A store that cannot answer throws
 * {@link dev.failsafe.idp.replication.StoreUnavailableException}; the caller must then refuse the
 * login, never let it through unthrottled.
 */
public interface LoginAttemptStore {

	/** How long an admitted attempt counts while its outcome is not known. */
	Duration PENDING_LIFETIME = Duration.ofMinutes(1);

	/** The identifier syntax of accounts and addresses. */
	Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_-]{1,100}");

	/**
	 * Admits an attempt at {@code now} and counts it as pending, or refuses it: while the pair has
	 * reached its limit ({@link LoginLimits#perPair}, or one while the account has reached
	 * {@link LoginLimits#perAccount}) or the address has reached {@link LoginLimits#perAddress}. A
	 * refused attempt is not counted; its wait lasts until the blocking counters drop below their
	 * limits.
	 */
	Admission admit(String account, String address, LoginLimits limits, Instant now);

	/** The attempt failed (a wrong password, say): it counts as a failure at {@code now} for the window. */
	void failed(String account, String address, String attemptId, LoginLimits limits, Instant now);

	/** The attempt succeeded: it no longer counts, and the pair starts from zero. */
	void succeeded(String account, String address, String attemptId);

	/** The attempt is taken back without judging it (the password could not be checked). */
	void withdraw(String account, String address, String attemptId);

	/** Refuses an identifier a key could not hold as it is. */
	static String requireIdentifier(String identifier) {
		if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
			throw new IllegalArgumentException("Not an account or address identifier: " + identifier);
		}
		return identifier;
	}

}
