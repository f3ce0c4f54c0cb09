package dev.failsafe.idp.replication.backchannel;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.failsafe.idp.testing.Racers;
import dev.failsafe.idp.testing.Wait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link LogoutDeliveryStore} must have. An implementation's test extends this
 * class and supplies the store, which the tests share: each starts and ends with every pending
 * delivery claimed and completed, so what one test schedules another never claims.
 */
public abstract class LogoutDeliveryStoreContractTest {

	/** Later than anything a test schedules: claiming at it drains the store. */
	private static final Instant FAR_FUTURE = Instant.parse("2999-01-01T00:00:00Z");

	protected static final Duration LEASE = Duration.ofSeconds(30);

	/** The store under test. */
	protected abstract LogoutDeliveryStore store();

	@BeforeEach
	@AfterEach
	void drain() {
		for (List<LogoutDelivery> claimed = store().claimDue(FAR_FUTURE, LEASE, 500); !claimed.isEmpty();
				claimed = store().claimDue(FAR_FUTURE, LEASE, 500)) {
			claimed.forEach(store()::complete);
		}
	}

	@Test
	void scheduleWhenNewThenClaimedOnlyOnceDueWithEveryField() {
		LogoutDelivery delivery = newDelivery();
		assertThat(store().schedule(delivery)).isTrue();
		Instant now = delivery.createdAt();
		assertThat(store().claimDue(now.minusSeconds(1), LEASE, 10)).isEmpty();

		List<LogoutDelivery> claimed = store().claimDue(now, LEASE, 10);
		assertThat(claimed).singleElement().satisfies((held) -> {
			assertThat(held.claim()).isNotBlank();
			assertThat(held.nextAttemptAt()).isEqualTo(now.plus(LEASE));
			assertThat(held).usingRecursiveComparison()
				.ignoringFields("claim", "nextAttemptAt")
				.isEqualTo(delivery);
		});
	}

	@Test
	void scheduleWhenPendingAlreadyThenFalseAndTheFirstKept() {
		LogoutDelivery first = newDelivery();
		LogoutDelivery again = new LogoutDelivery(first.id(), first.clientId(), first.subject(), first.sessionId(),
				"another-jti", first.createdAt(), first.expiresAt(), 0, first.createdAt(), null);
		assertThat(store().schedule(first)).isTrue();
		assertThat(store().schedule(again)).isFalse();
		assertThat(store().claimDue(first.createdAt(), LEASE, 10)).singleElement()
			.satisfies((held) -> assertThat(held.tokenId()).isEqualTo(first.tokenId()));
	}

	@Test
	void claimDueWhenClaimedThenNobodyElseUntilTheLeaseEnds() {
		LogoutDelivery delivery = newDelivery();
		store().schedule(delivery);
		Instant now = delivery.createdAt();
		LogoutDelivery first = store().claimDue(now, LEASE, 10).get(0);
		assertThat(store().claimDue(now.plus(LEASE).minusSeconds(1), LEASE, 10)).isEmpty();

		// The claimant died: its lease runs out and another node claims the delivery.
		LogoutDelivery second = store().claimDue(now.plus(LEASE), LEASE, 10).get(0);
		assertThat(second.claim()).isNotEqualTo(first.claim());
		assertThat(store().complete(first)).as("the dead claim no longer holds it").isFalse();
		assertThat(store().reschedule(first, now)).isFalse();
		assertThat(store().complete(second)).isTrue();
		assertThat(store().claimDue(FAR_FUTURE, LEASE, 10)).isEmpty();
	}

	@Test
	void completeWhenNeverClaimedThenFalseAndKept() {
		LogoutDelivery delivery = newDelivery();
		store().schedule(delivery);
		assertThat(store().complete(delivery)).isFalse();
		assertThat(store().claimDue(delivery.createdAt(), LEASE, 10)).hasSize(1);
	}

	@Test
	void rescheduleWhenClaimedThenDueAgainAtTheNextAttemptWithOneAttemptMore() {
		LogoutDelivery delivery = newDelivery();
		store().schedule(delivery);
		Instant now = delivery.createdAt();
		LogoutDelivery first = store().claimDue(now, LEASE, 10).get(0);
		Instant next = now.plusSeconds(5);
		assertThat(store().reschedule(first, next)).isTrue();
		assertThat(store().reschedule(first, next)).as("released: the claim is spent").isFalse();

		assertThat(store().claimDue(next.minusMillis(1), LEASE, 10)).isEmpty();
		LogoutDelivery second = store().claimDue(next, LEASE, 10).get(0);
		assertThat(second.attempts()).isEqualTo(1);
		assertThat(second.tokenId()).isEqualTo(delivery.tokenId());
		assertThat(second.claim()).isNotEqualTo(first.claim());
	}

	@Test
	void claimDueWhenMoreAreDueThanAskedThenAtMostMax() {
		Instant now = now();
		for (int i = 0; i < 5; i++) {
			store().schedule(newDelivery(now));
		}
		assertThat(store().pending()).isEqualTo(5);
		assertThat(store().claimDue(now, LEASE, 2)).hasSize(2);
		assertThat(store().claimDue(now, LEASE, 2)).hasSize(2);
		assertThat(store().claimDue(now, LEASE, 2)).hasSize(1);
		assertThat(store().claimDue(now, LEASE, 0)).isEmpty();
	}

	@Test
	void claimDueWhenNodesRaceThenEveryDeliveryClaimedExactlyOnce() throws Exception {
		Instant now = now();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			LogoutDelivery delivery = newDelivery(now);
			store().schedule(delivery);
			ids.add(delivery.id());
		}
		List<List<LogoutDelivery>> claims = Racers.race(8, () -> store().claimDue(now, LEASE, 12));
		List<String> claimed = claims.stream().flatMap(List::stream).map(LogoutDelivery::id).toList();
		assertThat(claimed).containsExactlyInAnyOrderElementsOf(ids);
	}

	@Test
	void completeWhenClaimedThenGoneAndNotCountedAsPending() {
		LogoutDelivery delivery = newDelivery();
		store().schedule(delivery);
		assertThat(store().pending()).isEqualTo(1);
		LogoutDelivery held = store().claimDue(delivery.createdAt(), LEASE, 10).get(0);
		assertThat(store().complete(held)).isTrue();
		assertThat(store().pending()).isZero();
		assertThat(store().claimDue(FAR_FUTURE, LEASE, 10)).isEmpty();
		assertThat(store().schedule(delivery)).as("a later logout of the same session is new").isTrue();
	}

	@Test
	void scheduleWhenExpiresAtPassesThenForgottenDeliveredOrNot() {
		Instant now = now();
		LogoutDelivery delivery = LogoutDelivery.due("rp-" + UUID.randomUUID(), "alice", "sid-" + UUID.randomUUID(),
				UUID.randomUUID().toString(), now, now.plusSeconds(2));
		store().schedule(delivery);
		// Claim at ever later times, so a delivery still there is claimed again each round.
		Instant[] at = { FAR_FUTURE };
		Wait.until("the expired delivery is forgotten", Duration.ofSeconds(20), Duration.ofMillis(250), () -> {
			at[0] = at[0].plus(LEASE.multipliedBy(2));
			return store().claimDue(at[0], LEASE, 10).stream().noneMatch((held) -> held.id().equals(delivery.id()));
		});
	}

	protected static LogoutDelivery newDelivery() {
		return newDelivery(now());
	}

	protected static LogoutDelivery newDelivery(Instant createdAt) {
		return LogoutDelivery.due("rp-" + UUID.randomUUID(), "alice", "sid-" + UUID.randomUUID(),
				UUID.randomUUID().toString(), createdAt, createdAt.plus(Duration.ofHours(1)));
	}

	/** Now, in milliseconds (what the stores keep). */
	protected static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

}
