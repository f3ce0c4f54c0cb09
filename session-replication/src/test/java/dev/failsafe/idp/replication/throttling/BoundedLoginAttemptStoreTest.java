package dev.failsafe.idp.replication.throttling;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedLoginAttemptStoreTest extends LoginAttemptStoreContractTest {

	private final BoundedLoginAttemptStore store = new BoundedLoginAttemptStore(10_000);

	@Override
	protected LoginAttemptStore store() {
		return this.store;
	}

	@Test
	void admitWhenTableFullThenOldestEvictedAndCountingGoesOn() {
		BoundedLoginAttemptStore small = new BoundedLoginAttemptStore(100);
		// Fill the table with other accounts' and addresses' counters.
		for (int i = 0; i < 100; i++) {
			assertThat(small.admit(id(), id(), LIMITS, start()).isAdmitted()).isTrue();
		}
		assertThat(small.size()).isEqualTo(100);
		String alice = id();
		String address = id();
		int admitted = 0;
		for (int i = 0; i < 10; i++) {
			Admission wrongPassword = small.admit(alice, address, LIMITS, start().plusSeconds(1));
			if (wrongPassword.isAdmitted()) {
				admitted++;
				small.failed(alice, address, wrongPassword.attemptId(), LIMITS, start().plusSeconds(1));
			}
		}
		assertThat(admitted).as("wrong passwords counted although the table was full").isEqualTo(LIMITS.perPair());
		assertThat(small.admit(alice, address, LIMITS, start().plusSeconds(2)).isAdmitted())
			.as("the right password, next").isFalse();
		assertThat(small.size()).isEqualTo(100);
	}

	@Test
	void admitWhenOtherCountersFloodInThenTheAttackedAccountsCountersStay() {
		BoundedLoginAttemptStore small = new BoundedLoginAttemptStore(100);
		String alice = id();
		String address = id();
		for (int round = 0; round < LIMITS.perPair(); round++) {
			Admission guess = small.admit(alice, address, LIMITS, start());
			small.failed(alice, address, guess.attemptId(), LIMITS, start());
			// Between two of the attacker's tries, a flood of other counters, more than fits.
			for (int i = 0; i < 20; i++) {
				small.admit(id(), id(), LIMITS, start());
			}
			// The attacker's pair is touched again before it could become the eldest.
			small.admit(alice, id(), LIMITS, start());
		}
		assertThat(small.admit(alice, address, LIMITS, start().plusSeconds(1)).isAdmitted()).isFalse();
	}

}
