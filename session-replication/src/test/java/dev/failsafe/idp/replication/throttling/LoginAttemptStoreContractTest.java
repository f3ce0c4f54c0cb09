package dev.failsafe.idp.replication.throttling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

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
			assertThat(admit(account, address, START.plusSeconds(i * 10L)).isAdmitted()).isTrue();
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
			assertThat(admit(id(), address, START).isAdmitted()).isTrue();
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
		assertThat(admit(account, fresh, START.plusSeconds(1)).isAdmitted()).as("first try of a new address")
			.isTrue();
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
		for (int i = 0; i < LIMITS.perPair(); i++) {
			assertThat(admit(account, address, START.plusSeconds(2)).isAdmitted()).isTrue();
		}
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
		assertThat(admit(id(), address, START.plusSeconds(2)).isAdmitted()).as("the last failure the address may have")
			.isTrue();
		assertThat(admit(id(), address, START.plusSeconds(2)).isAdmitted()).isFalse();
	}

	@Test
	void withdrawThenTheAttemptNoLongerCountsAnywhere() {
		String account = id();
		String address = id();
		failures(account, address, LIMITS.perPair() - 1, START);
		Admission unjudged = admit(account, address, START.plusSeconds(1));
		store().withdraw(account, address, unjudged.attemptId());
		assertThat(admit(account, address, START.plusSeconds(2)).isAdmitted()).isTrue();
		assertThat(admit(account, address, START.plusSeconds(2)).isAdmitted()).isFalse();
	}

	@Test
	void admitWhenManyAtOnceThenAtMostTheLimitGetThrough() throws Exception {
		String account = id();
		String address = id();
		int threads = 24;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Admission>> results = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				results.add(executor.submit(() -> {
					start.await();
					return admit(account, address, START);
				}));
			}
			start.countDown();
			int admitted = 0;
			for (Future<Admission> result : results) {
				admitted += result.get(30, TimeUnit.SECONDS).isAdmitted() ? 1 : 0;
			}
			assertThat(admitted).isEqualTo(LIMITS.perPair());
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void admitWhenIdentifierCouldBreakAKeyThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> admit("a:b", id(), START));
		assertThatIllegalArgumentException().isThrownBy(() -> admit(id(), "", START));
		assertThatIllegalArgumentException().isThrownBy(() -> admit(id(), "x".repeat(101), START));
	}

	/** {@code count} attempts of the pair that stay counted (failures). */
	protected void failures(String account, String address, int count, Instant at) {
		for (int i = 0; i < count; i++) {
			assertThat(admit(account, address, at).isAdmitted()).isTrue();
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
