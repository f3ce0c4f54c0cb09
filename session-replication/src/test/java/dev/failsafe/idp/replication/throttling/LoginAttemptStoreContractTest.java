package dev.failsafe.idp.replication.throttling;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.failsafe.idp.testing.Racers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The behaviour every {@link LoginAttemptStore} must have. An implementation's test extends this
 * class and supplies the store; every test uses fresh accounts and addresses, so the store may be
 * shared. Time is passed in, so windows are exercised without waiting.
 */
public abstract class LoginAttemptStoreContractTest {

	/** Pair 3, address 6, account 5, window 15 minutes. */
	protected static final LoginLimits LIMITS = new LoginLimits(3, 6, 5, Duration.ofMinutes(15));

	private static final Instant START = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

	/** The store under test. */
	protected abstract LoginAttemptStore store();

	@Test
	void admitWhenPairReachedItsLimitThenRefusedUntilItsOldestFailureLeavesTheWindow() {
		String account = id();
		String address = id();
		for (int i = 0; i < LIMITS.perPair(); i++) {
			failures(account, address, 1, START.plusSeconds(i * 10L));
		}
		Admission refused = admit(account, address, START.plusSeconds(60));
		assertThat(refused.isAdmitted()).isFalse();
		assertThat(refused.attemptId()).isNull();
		assertThat(refused.retryAfter()).isEqualTo(LIMITS.window().minusSeconds(60));

		Instant oldestGone = START.plus(LIMITS.window()).plusMillis(1);
		assertThat(admit(account, address, oldestGone.minusMillis(2)).isAdmitted()).isFalse();
		assertThat(admit(account, address, oldestGone).isAdmitted()).isTrue();
	}

	@Test
	void admitWhenPairRefusedThenSameAccountFromAnotherAddressStillAdmitted() {
		String account = id();
		String attacker = id();
		failures(account, attacker, LIMITS.perPair(), START);
		assertThat(admit(account, attacker, START.plusSeconds(1)).isAdmitted()).isFalse();
		assertThat(admit(account, id(), START.plusSeconds(1)).isAdmitted()).isTrue();
	}

	@Test
	void admitWhenAddressReachedItsLimitOverManyAccountsThenRefusedForEveryAccount() {
		String address = id();
		for (int i = 0; i < LIMITS.perAddress(); i++) {
			failures(id(), address, 1, START);
		}
		Admission refused = admit(id(), address, START.plusSeconds(30));
		assertThat(refused.isAdmitted()).isFalse();
		assertThat(refused.retryAfter()).isEqualTo(LIMITS.window().minusSeconds(30));
		assertThat(admit(id(), id(), START.plusSeconds(30)).isAdmitted()).isTrue();
	}

	@Test
	void admitWhenAccountUnderDistributedAttackThenEachAddressGetsOneFailure() {
		String account = id();
		for (int i = 0; i < LIMITS.perAccount(); i++) {
			failures(account, id(), 1, START);
		}
		String fresh = id();
		Admission first = admit(account, fresh, START.plusSeconds(1));
		assertThat(first.isAdmitted()).as("first try of a new address").isTrue();
		store().failed(account, fresh, first.attemptId(), LIMITS, START.plusSeconds(1));
		assertThat(admit(account, fresh, START.plusSeconds(2)).isAdmitted()).as("second try of that address")
			.isFalse();
		assertThat(admit(account, id(), START.plusSeconds(2)).isAdmitted()).as("another new address").isTrue();
	}

	@Test
	void succeededWhenPairHadFailuresThenPairStartsAgainAndTheSuccessIsNotCounted() {
		String account = id();
		String address = id();
		failures(account, address, LIMITS.perPair() - 1, START);
		Admission last = admit(account, address, START.plusSeconds(1));
		store().succeeded(account, address, last.attemptId());
		failures(account, address, LIMITS.perPair(), START.plusSeconds(2));
		assertThat(admit(account, address, START.plusSeconds(3)).isAdmitted()).isFalse();
	}

	@Test
	void succeededThenAddressAndAccountForgetOnlyThatAttempt() {
		String address = id();
		for (int i = 0; i < LIMITS.perAddress() - 1; i++) {
			failures(id(), address, 1, START);
		}
		String account = id();
		Admission success = admit(account, address, START.plusSeconds(1));
		store().succeeded(account, address, success.attemptId());
		failures(id(), address, 1, START.plusSeconds(2));
		assertThat(admit(id(), address, START.plusSeconds(2)).isAdmitted()).isFalse();
	}

	@Test
	void withdrawThenTheAttemptNoLongerCountsAnywhere() {
		String account = id();
		String address = id();
		failures(account, address, LIMITS.perPair() - 1, START);
		Admission unjudged = admit(account, address, START.plusSeconds(1));
		store().withdraw(account, address, unjudged.attemptId());
		failures(account, address, 1, START.plusSeconds(2));
		assertThat(admit(account, address, START.plusSeconds(2)).isAdmitted()).isFalse();
	}

	@Test
	void admitWhenPairFullOfPendingAttemptsThenRefusedOnlyUntilTheyAreForgotten() {
		String account = id();
		String address = id();
		for (int i = 0; i < LIMITS.perPair(); i++) {
			// Admitted, never settled: their node died while checking the password.
			assertThat(admit(account, address, START).isAdmitted()).isTrue();
		}
		Admission refused = admit(account, address, START.plusSeconds(10));
		assertThat(refused.isAdmitted()).isFalse();
		assertThat(refused.retryAfter()).isEqualTo(LoginAttemptStore.PENDING_LIFETIME.minusSeconds(10));
		assertThat(admit(account, address, START.plus(LoginAttemptStore.PENDING_LIFETIME).plusMillis(1)).isAdmitted())
			.isTrue();
	}

	@Test
	void failedWhenPendingThenCountsForTheWholeWindow() {
		String account = id();
		String address = id();
		failures(account, address, LIMITS.perPair(), START);
		Instant afterPendingLifetime = START.plus(LoginAttemptStore.PENDING_LIFETIME).plusSeconds(1);
		assertThat(admit(account, address, afterPendingLifetime).isAdmitted()).isFalse();
	}

	@Test
	void admitWhenManyAtOnceThenAtMostTheLimitGetThrough() throws Exception {
		String account = id();
		String address = id();
		List<Admission> answers = Racers.race(24, () -> admit(account, address, START));
		assertThat(answers).filteredOn(Admission::isAdmitted).hasSize(LIMITS.perPair());
	}

	@Test
	void admitWhenIdentifierCouldBreakAKeyThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> admit("a:b", id(), START));
		assertThatIllegalArgumentException().isThrownBy(() -> admit(id(), "", START));
		assertThatIllegalArgumentException().isThrownBy(() -> admit(id(), "x".repeat(101), START));
	}

	/** {@code count} attempts of the pair, admitted and failed at {@code at}. */
	protected void failures(String account, String address, int count, Instant at) {
		for (int i = 0; i < count; i++) {
			Admission attempt = admit(account, address, at);
			assertThat(attempt.isAdmitted()).isTrue();
			store().failed(account, address, attempt.attemptId(), LIMITS, at);
		}
	}

	protected Admission admit(String account, String address, Instant now) {
		return store().admit(account, address, LIMITS, now);
	}

	/** A fresh account or address identifier. */
	protected static String id() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	protected static Instant start() {
		return START;
	}

}
