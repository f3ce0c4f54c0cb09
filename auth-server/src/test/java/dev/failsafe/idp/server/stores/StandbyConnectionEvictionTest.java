package dev.failsafe.idp.server.stores;

import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride.Override;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StandbyConnectionEvictionTest {

	private final StandbyConnectionEviction eviction = new StandbyConnectionEviction();

	@Test
	void adjudicateWhenWriteReachedStandbyThenConnectionClosed() {
		assertThat(this.eviction.adjudicate(
				new SQLException("cannot execute INSERT in a read-only transaction", "25006")))
			.isEqualTo(Override.MUST_EVICT);
	}

	@Test
	void adjudicateWhenStandbyErrorChainedBehindAnotherThenConnectionClosed() {
		SQLException batch = new SQLException("batch entry 0 failed", "22000");
		batch.setNextException(new SQLException("read-only transaction", "25006"));
		assertThat(this.eviction.adjudicate(batch)).isEqualTo(Override.MUST_EVICT);
	}

	@Test
	void adjudicateWhenOtherErrorThenHikariDecides() {
		assertThat(this.eviction.adjudicate(new SQLException("duplicate key", "23505")))
			.isEqualTo(Override.CONTINUE_EVICT);
		assertThat(this.eviction.adjudicate(new SQLException("connection lost", "08006")))
			.isEqualTo(Override.CONTINUE_EVICT);
	}

}
