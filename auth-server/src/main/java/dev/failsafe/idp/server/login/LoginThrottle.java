package dev.failsafe.idp.server.login;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per account and per source address in a sliding window (see
 * {@link LoginProperties}). State is kept per node: an attacker spreading attempts over sites gets
 * at most the limit once per site, which the per-address limit still bounds.
 */
public final class LoginThrottle {

	private final LoginProperties properties;

	private final Clock clock;

	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

	public LoginThrottle(LoginProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/** Whether a login for this account from this address must be refused now. */
	public boolean isThrottled(String username, String address) {
		Instant now = this.clock.instant();
		return recentFailures(accountKey(username), now) >= this.properties.maxFailuresPerAccount()
				|| recentFailures(addressKey(address), now) >= this.properties.maxFailuresPerAddress();
	}

	public void recordFailure(String username, String address) {
		Instant now = this.clock.instant();
		if (this.failures.size() >= this.properties.maxTrackedKeys()) {
			evictExpired(now);
		}
		record(accountKey(username), now);
		record(addressKey(address), now);
	}

	/** A successful login clears the account's failures (not the address's). */
	public void recordSuccess(String username) {
		this.failures.remove(accountKey(username));
	}

	private void record(String key, Instant now) {
		if (this.failures.size() >= this.properties.maxTrackedKeys() && !this.failures.containsKey(key)) {
			return;
		}
		this.failures.compute(key, (k, times) -> {
			Deque<Instant> updated = (times != null) ? times : new ArrayDeque<>();
			prune(updated, now);
			updated.addLast(now);
			return updated;
		});
	}

	private int recentFailures(String key, Instant now) {
		int[] count = { 0 };
		this.failures.computeIfPresent(key, (k, times) -> {
			prune(times, now);
			count[0] = times.size();
			return times.isEmpty() ? null : times;
		});
		return count[0];
	}

	private void evictExpired(Instant now) {
		for (Iterator<String> keys = this.failures.keySet().iterator(); keys.hasNext();) {
			recentFailures(keys.next(), now);
		}
	}

	private void prune(Deque<Instant> times, Instant now) {
		Instant horizon = now.minus(this.properties.window());
		while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
			times.removeFirst();
		}
	}

	private static String accountKey(String username) {
		return "account:" + ((username != null) ? username.toLowerCase(Locale.ROOT) : "");
	}

	private static String addressKey(String address) {
		return "address:" + ((address != null) ? address : "unknown");
	}

}
