package dev.failsafe.idp.replication.throttling;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Counts login attempts per (account, address) pair, per address and per account over a sliding
 * window, and decides by {@link LoginLimits} whether the next one may go on.
 *
 * <p>An attempt is counted when it is admitted, before its password is checked, so concurrent
 * attempts cannot all pass the check before any of them is counted: of many at once, at most the
 * limit get through. A success takes it back and forgets the pair's earlier failures
 * ({@link #succeeded}); an attempt that failed for another reason than the user's input (the
 * directory unreachable) is taken back alone ({@link #withdraw}). Whatever is left counts as a
 * failure.
 *
 * <p>{@code account} and {@code address} are identifiers the caller derives (hashes of the account
 * name and of the address, say): 1 to 100 characters of {@code [A-Za-z0-9_-]}, used in keys as
 * they are. A store that cannot answer throws
 * {@link dev.failsafe.idp.replication.StoreUnavailableException}; the caller must then refuse the
 * login, never let it through unthrottled.
 */
public interface LoginAttemptStore {

	/**
	 * Admits and counts an attempt at {@code now}, or refuses it: while the pair has reached its
	 * limit ({@link LoginLimits#perPair}, or one while the account has reached
	 * {@link LoginLimits#perAccount}) or the address has reached {@link LoginLimits#perAddress}. A
	 * refused attempt is not counted; its wait lasts until the blocking counters drop below their
	 * limits.
	 */
	Admission admit(String account, String address, LoginLimits limits, Instant now);

	/** The attempt succeeded: it no longer counts, and the pair starts from zero. */
	void succeeded(String account, String address, String attemptId);

	/** The attempt is taken back without judging it (the password could not be checked). */
	void withdraw(String account, String address, String attemptId);

	/** The identifier syntax of accounts and addresses. */
	Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_-]{1,100}");

	/** Refuses an identifier a key could not hold as it is. */
	static String requireIdentifier(String identifier) {
		if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
			throw new IllegalArgumentException("Not an account or address identifier: " + identifier);
		}
		return identifier;
	}

}
