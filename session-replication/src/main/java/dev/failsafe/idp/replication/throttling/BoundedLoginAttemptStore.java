package dev.failsafe.idp.replication.throttling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
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

	private final Map<String, Deque<Attempt>> counters;

	public BoundedLoginAttemptStore(int capacity) {
		if (capacity < 3) {
			throw new IllegalArgumentException("capacity must hold at least one attempt's three counters");
		}
		this.counters = new LinkedHashMap<>(16, 0.75f, true) {

			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Deque<Attempt>> eldest) {
				return size() > capacity;
			}

		};
	}

	private record Attempt(String id, long at) {
	}

	@Override
	public synchronized Admission admit(String account, String address, LoginLimits limits, Instant now) {
		long at = now.toEpochMilli();
		long horizon = at - limits.window().toMillis();
		Deque<Attempt> pair = counter(pairKey(account, address), horizon);
		Deque<Attempt> fromAddress = counter("address:" + LoginAttemptStore.requireIdentifier(address), horizon);
		Deque<Attempt> ofAccount = counter("account:" + LoginAttemptStore.requireIdentifier(account), horizon);
		long wait = Math.max(waitMillis(pair, limits.pairLimit(ofAccount.size()), limits, at),
				waitMillis(fromAddress, limits.perAddress(), limits, at));
		if (wait > 0) {
			return Admission.refused(Duration.ofMillis(wait));
		}
		Attempt attempt = new Attempt(UUID.randomUUID().toString(), at);
		add(pair, attempt, limits.perPair());
		add(fromAddress, attempt, limits.perAddress());
		add(ofAccount, attempt, limits.perAccount());
		// Put back last, after the reads: a full table evicts other counters, never these.
		this.counters.put(pairKey(account, address), pair);
		this.counters.put("address:" + address, fromAddress);
		this.counters.put("account:" + account, ofAccount);
		return Admission.admitted(attempt.id());
	}

	@Override
	public synchronized void succeeded(String account, String address, String attemptId) {
		this.counters.remove(pairKey(account, address));
		withdrawFrom("address:" + address, attemptId);
		withdrawFrom("account:" + account, attemptId);
	}

	@Override
	public synchronized void withdraw(String account, String address, String attemptId) {
		withdrawFrom(pairKey(account, address), attemptId);
		withdrawFrom("address:" + address, attemptId);
		withdrawFrom("account:" + account, attemptId);
	}

	/** How many counters the table holds now. */
	synchronized int size() {
		return this.counters.size();
	}

	private static String pairKey(String account, String address) {
		return "pair:" + LoginAttemptStore.requireIdentifier(account) + ":"
				+ LoginAttemptStore.requireIdentifier(address);
	}

	/** The counter's attempts still in the window (a new empty one if it has none). */
	private Deque<Attempt> counter(String key, long horizon) {
		Deque<Attempt> attempts = this.counters.get(key);
		if (attempts == null) {
			return new ArrayDeque<>();
		}
		while (!attempts.isEmpty() && attempts.peekFirst().at() <= horizon) {
			attempts.removeFirst();
		}
		return attempts;
	}

	/** Until the counter is below {@code limit}: when its oldest attempt still blocking leaves the window. */
	private static long waitMillis(Deque<Attempt> attempts, int limit, LoginLimits limits, long now) {
		if (attempts.size() < limit) {
			return 0;
		}
		Iterator<Attempt> oldestFirst = attempts.iterator();
		for (int skip = attempts.size() - limit; skip > 0; skip--) {
			oldestFirst.next();
		}
		return Math.max(1, oldestFirst.next().at() + limits.window().toMillis() - now);
	}

	private static void add(Deque<Attempt> attempts, Attempt attempt, int keep) {
		attempts.addLast(attempt);
		while (attempts.size() > keep) {
			attempts.removeFirst();
		}
	}

	private void withdrawFrom(String key, String attemptId) {
		Deque<Attempt> attempts = this.counters.get(key);
		if (attempts != null) {
			attempts.removeIf(attempt -> attempt.id().equals(attemptId));
			if (attempts.isEmpty()) {
				this.counters.remove(key);
			}
		}
	}

}
