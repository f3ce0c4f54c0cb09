package dev.failsafe.idp.replication.throttling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@link LoginAttemptStore} in this node's memory: the embedded default's, where one node serves
 * alone. Counters are lost on restart and not shared between nodes (with Redis configured,
 * {@link RedisLoginAttemptStore} holds one budget for all of them).
 *
 * <p>The table holds at most {@code capacity} counters (pairs, addresses and accounts together).
 * When full, it evicts the counter touched longest ago, so it always keeps counting: the counters of
 * an account under attack are touched by every attempt and stay. A counter keeps at most its limit
 * of attempts (the newest), which is all the rule needs, so memory stays bounded whatever the
 * traffic. One lock guards the table: each call is a few map operations.
 */
public final class BoundedLoginAttemptStore implements LoginAttemptStore {

	private final Map<String, List<Attempt>> counters;

	public BoundedLoginAttemptStore(int capacity) {
		if (capacity < 3) {
			throw new IllegalArgumentException("capacity must hold at least one attempt's three counters");
		}
		this.counters = new LinkedHashMap<>(16, 0.75f, true) {

			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, List<Attempt>> eldest) {
				return size() > capacity;
			}

		};
	}

	/** One attempt of a counter, pending until it failed; oldest first in each list. */
	private record Attempt(String id, long at, boolean pending) {

		/** When it stops counting. */
		long expiresAt(LoginLimits limits) {
			return this.at + (this.pending ? PENDING_LIFETIME : limits.window()).toMillis();
		}

	}

	@Override
	public synchronized Admission admit(String account, String address, LoginLimits limits, Instant now) {
		long at = now.toEpochMilli();
		List<Attempt> pair = counter(pairKey(account, address), limits, at);
		List<Attempt> fromAddress = counter(addressKey(address), limits, at);
		List<Attempt> ofAccount = counter(accountKey(account), limits, at);
		long wait = Math.max(waitMillis(pair, limits.pairLimit(ofAccount.size()), limits, at),
				waitMillis(fromAddress, limits.perAddress(), limits, at));
		if (wait > 0) {
			return Admission.refused(Duration.ofMillis(wait));
		}
		Attempt attempt = new Attempt(UUID.randomUUID().toString(), at, true);
		add(pairKey(account, address), pair, attempt, limits.perPair());
		add(addressKey(address), fromAddress, attempt, limits.perAddress());
		add(accountKey(account), ofAccount, attempt, limits.perAccount());
		return Admission.admitted(attempt.id());
	}

	@Override
	public synchronized void failed(String account, String address, String attemptId, LoginLimits limits,
			Instant now) {
		Attempt failure = new Attempt(attemptId, now.toEpochMilli(), false);
		settle(pairKey(account, address), failure, limits.perPair());
		settle(addressKey(address), failure, limits.perAddress());
		settle(accountKey(account), failure, limits.perAccount());
	}

	@Override
	public synchronized void succeeded(String account, String address, String attemptId) {
		this.counters.remove(pairKey(account, address));
		settle(addressKey(address), new Attempt(attemptId, 0, true), 0);
		settle(accountKey(account), new Attempt(attemptId, 0, true), 0);
	}

	@Override
	public synchronized void withdraw(String account, String address, String attemptId) {
		Attempt withdrawn = new Attempt(attemptId, 0, true);
		settle(pairKey(account, address), withdrawn, 0);
		settle(addressKey(address), withdrawn, 0);
		settle(accountKey(account), withdrawn, 0);
	}

	/** How many counters the table holds now. */
	synchronized int size() {
		return this.counters.size();
	}

	private static String pairKey(String account, String address) {
		return "pair:" + LoginAttemptStore.requireIdentifier(account) + ":"
				+ LoginAttemptStore.requireIdentifier(address);
	}

	private static String addressKey(String address) {
		return "address:" + LoginAttemptStore.requireIdentifier(address);
	}

	private static String accountKey(String account) {
		return "account:" + LoginAttemptStore.requireIdentifier(account);
	}

	/** The counter's attempts that still count (a new empty list if it has none). */
	private List<Attempt> counter(String key, LoginLimits limits, long now) {
		List<Attempt> attempts = this.counters.get(key);
		if (attempts == null) {
			return new ArrayList<>();
		}
		attempts.removeIf(attempt -> attempt.expiresAt(limits) <= now);
		return attempts;
	}

	/** Until the counter is below {@code limit}: when enough of its attempts have stopped counting. */
	private static long waitMillis(List<Attempt> attempts, int limit, LoginLimits limits, long now) {
		if (attempts.size() < limit) {
			return 0;
		}
		long[] expiries = attempts.stream().mapToLong(attempt -> attempt.expiresAt(limits)).sorted().toArray();
		return Math.max(1, expiries[attempts.size() - limit] - now);
	}

	/** Appends an attempt, keeps the newest {@code keep}, and puts the counter back as the most recent. */
	private void add(String key, List<Attempt> attempts, Attempt attempt, int keep) {
		attempts.add(attempt);
		while (attempts.size() > keep) {
			attempts.remove(0);
		}
		this.counters.put(key, attempts);
	}

	/**
	 * Drops the pending attempt {@code settled.id()} from the counter; a failure takes its place (when
	 * it was still there), appended as the newest, within {@code keep}.
	 */
	private void settle(String key, Attempt settled, int keep) {
		List<Attempt> attempts = this.counters.get(key);
		if (attempts == null) {
			return;
		}
		boolean wasPending = false;
		for (Iterator<Attempt> each = attempts.iterator(); each.hasNext();) {
			Attempt attempt = each.next();
			if (attempt.pending() && attempt.id().equals(settled.id())) {
				each.remove();
				wasPending = true;
			}
		}
		if (wasPending && !settled.pending()) {
			add(key, attempts, settled, keep);
		}
		else if (attempts.isEmpty()) {
			this.counters.remove(key);
		}
	}

}
