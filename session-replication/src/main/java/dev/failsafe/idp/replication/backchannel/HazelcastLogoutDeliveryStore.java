package dev.failsafe.idp.replication.backchannel;

import java.io.Serial;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.hazelcast.aggregation.Aggregators;
import com.hazelcast.config.IndexType;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;

import dev.failsafe.idp.replication.hazelcast.HazelcastCalls;

/**
 * {@link LogoutDeliveryStore} on one Hazelcast map (the embedded default's store).
 *
 * <p>Storage layout (asserted by a test): {@value #DELIVERIES_MAP}, an
 * {@code IMap<String, Pending>}: delivery id to a {@link Pending} holding the delivery and its
 * {@value #DUE_ATTRIBUTE} time (epoch milliseconds: the next attempt, or the end of a claim's
 * lease), which has a sorted index. Each entry lives until the delivery's {@code expiresAt} (time to
 * live, at least one second). {@link #schedule} is {@code putIfAbsent}; {@link #claimDue} queries
 * the index ({@code due <= now}, one page of ids) and claims each with an entry processor that checks
 * the due time again on the entry's partition, so of two nodes racing for one delivery one claims
 * it; {@link #complete} and {@link #reschedule} are entry processors that act only for the claim
 * holding the entry. Hazelcast failures surface as
 * {@link dev.failsafe.idp.replication.StoreUnavailableException}.
 */
public final class HazelcastLogoutDeliveryStore implements LogoutDeliveryStore {

	/** Delivery id to {@link Pending}. */
	public static final String DELIVERIES_MAP = "idp.backchannel-logout.deliveries";

	/** The indexed attribute of {@link Pending}: when it is due, in epoch milliseconds. */
	public static final String DUE_ATTRIBUTE = "due";

	/** Hazelcast reads a zero time to live as "forever": never go below this. */
	private static final Duration MINIMUM_TTL = Duration.ofSeconds(1);

	private final IMap<String, Pending> deliveries;

	private final Clock clock;

	public HazelcastLogoutDeliveryStore(HazelcastInstance hazelcast) {
		this(hazelcast, Clock.systemUTC());
	}

	public HazelcastLogoutDeliveryStore(HazelcastInstance hazelcast, Clock clock) {
		this.deliveries = hazelcast.getMap(DELIVERIES_MAP);
		this.clock = Objects.requireNonNull(clock, "clock");
		HazelcastCalls.run("index logout deliveries",
				() -> this.deliveries.addIndex(IndexType.SORTED, DUE_ATTRIBUTE));
	}

	@Override
	public boolean schedule(LogoutDelivery delivery) {
		Pending pending = new Pending(delivery.nextAttemptAt().toEpochMilli(), delivery);
		return HazelcastCalls.call("schedule a logout delivery", () -> this.deliveries.putIfAbsent(delivery.id(),
				pending, ttlMillis(delivery), TimeUnit.MILLISECONDS)) == null;
	}

	@Override
	public List<LogoutDelivery> claimDue(Instant now, Duration lease, int max) {
		if (max <= 0) {
			return List.of();
		}
		long nowMillis = now.toEpochMilli();
		return HazelcastCalls.call("claim logout deliveries", () -> {
			List<LogoutDelivery> claimed = new ArrayList<>();
			for (String id : this.deliveries
				.keySet(Predicates.pagingPredicate(Predicates.lessEqual(DUE_ATTRIBUTE, nowMillis), max))) {
				LogoutDelivery delivery = this.deliveries.executeOnKey(id,
						new ClaimIfDue(nowMillis, now.plus(lease), UUID.randomUUID().toString(), Instant.now(this.clock)));
				if (delivery != null) {
					claimed.add(delivery);
				}
			}
			return claimed;
		});
	}

	@Override
	public boolean complete(LogoutDelivery claimed) {
		return HazelcastCalls.call("complete a logout delivery",
				() -> this.deliveries.executeOnKey(claimed.id(), new ActIfClaimed(claimed.claim(), null, Instant.now(this.clock))));
	}

	@Override
	public boolean reschedule(LogoutDelivery claimed, Instant nextAttemptAt) {
		return HazelcastCalls.call("reschedule a logout delivery", () -> this.deliveries.executeOnKey(claimed.id(),
				new ActIfClaimed(claimed.claim(), nextAttemptAt, Instant.now(this.clock))));
	}

	@Override
	public long pending() {
		// A query, not size(): size() still counts entries past their time to live until they are evicted.
		return HazelcastCalls.call("count logout deliveries", () -> this.deliveries.aggregate(Aggregators.count()));
	}

	private long ttlMillis(LogoutDelivery delivery) {
		return ttlMillis(delivery, Instant.now(this.clock));
	}

	static long ttlMillis(LogoutDelivery delivery, Instant now) {
		Duration ttl = Duration.between(now, delivery.expiresAt());
		return ((ttl.compareTo(MINIMUM_TTL) < 0) ? MINIMUM_TTL : ttl).toMillis();
	}

	/**
	 * Sets {@code delivery}, due at its next attempt, on the entry's partition, living until its
	 * {@code expiresAt} (one operation: value, due time and expiry change together).
	 */
	static void set(Map.Entry<String, Pending> entry, LogoutDelivery delivery, Instant now) {
		((ExtendedMapEntry<String, Pending>) entry).setValue(
				new Pending(delivery.nextAttemptAt().toEpochMilli(), delivery), ttlMillis(delivery, now),
				TimeUnit.MILLISECONDS);
	}

	/**
	 * A map entry: the delivery and when it is due (epoch milliseconds), the attribute the index is on.
	 *
	 * @param due when the delivery is due: its next attempt, or the end of its claim's lease
	 * @param delivery the delivery
	 */
	public record Pending(long due, LogoutDelivery delivery) implements Serializable {

		@Serial
		private static final long serialVersionUID = 1L;

	}

	/** Claims the entry if it is still due, on its partition: of two racing claims one wins. */
	static final class ClaimIfDue implements EntryProcessor<String, Pending, LogoutDelivery> {

		@Serial
		private static final long serialVersionUID = 1L;

		private final long now;

		private final Instant leaseEnd;

		private final String claim;

		private final Instant clockNow;

		ClaimIfDue(long now, Instant leaseEnd, String claim, Instant clockNow) {
			this.now = now;
			this.leaseEnd = leaseEnd;
			this.claim = claim;
			this.clockNow = clockNow;
		}

		@Override
		public LogoutDelivery process(Map.Entry<String, Pending> entry) {
			Pending pending = entry.getValue();
			if (pending == null || pending.due() > this.now) {
				return null;
			}
			LogoutDelivery claimed = pending.delivery().claimedBy(this.claim, this.leaseEnd);
			set(entry, claimed, this.clockNow);
			return claimed;
		}

	}

	/**
	 * For the claim holding the entry only: removes it (no next attempt) or releases it for another
	 * attempt at {@code next}.
	 */
	static final class ActIfClaimed implements EntryProcessor<String, Pending, Boolean> {

		@Serial
		private static final long serialVersionUID = 1L;

		private final String claim;

		private final Instant next;

		private final Instant clockNow;

		ActIfClaimed(String claim, Instant next, Instant clockNow) {
			this.claim = claim;
			this.next = next;
			this.clockNow = clockNow;
		}

		@Override
		public Boolean process(Map.Entry<String, Pending> entry) {
			Pending pending = entry.getValue();
			if (pending == null || this.claim == null || !this.claim.equals(pending.delivery().claim())) {
				return false;
			}
			if (this.next == null) {
				entry.setValue(null);
				return true;
			}
			set(entry, pending.delivery().failedOnceMore(this.next), this.clockNow);
			return true;
		}

	}

}
