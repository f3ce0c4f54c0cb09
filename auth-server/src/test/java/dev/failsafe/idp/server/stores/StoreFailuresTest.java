package dev.failsafe.idp.server.stores;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import dev.failsafe.idp.replication.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class StoreFailuresTest {

	@ParameterizedTest(name = "SQLState {0}: unavailable {1}")
	@CsvSource({
			// connection failures, a standby reached, a server shutting down, too many connections,
			// serialization failure and deadlock: try again
			"08006, true", "08001, true", "25006, true", "57P01, true", "57P03, true", "53300, true", "40001, true",
			"40P01, true",
			// the request itself is wrong, or a rule refused it: trying again changes nothing
			"23505, false", "42601, false", "22001, false", "57014, false", "25P02, false", "XX000, false" })
	void unavailableWhenSqlStateThenOnlyForStatesThatPass(String sqlState, boolean unavailable) {
		SQLException failure = new SQLException("server said no", sqlState);
		assertThat(StoreFailures.unavailable(new UncategorizedSQLException("insert", "INSERT ...", failure)))
			.isEqualTo(unavailable);
	}

	@Test
	void unavailableWhenStoreOrConnectionFailureAnywhereInTheCausesThenTrue() {
		assertThat(StoreFailures.unavailable(new StoreUnavailableException("no replica acknowledged"))).isTrue();
		assertThat(StoreFailures.unavailable(new InternalAuthenticationServiceException("lookup failed",
				new CannotGetJdbcConnectionException("no member reachable")))).isTrue();
		assertThat(StoreFailures.unavailable(new RuntimeException(new SQLTransientConnectionException("pool empty"))))
			.isTrue();
	}

	@Test
	void unavailableWhenRollbackFailedAfterStandbyRefusedWriteThenTrue() {
		TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		rollbackFailed.initApplicationException(new UncategorizedSQLException("insert", "INSERT ...",
				new SQLException("cannot execute INSERT in a read-only transaction", "25006")));
		assertThat(StoreFailures.unavailable(rollbackFailed)).isTrue();

		TransactionSystemException afterBug = new TransactionSystemException("JDBC rollback failed");
		afterBug.initApplicationException(new IllegalStateException("bug"));
		assertThat(StoreFailures.unavailable(afterBug)).isFalse();
	}

	@Test
	void unavailableWhenOtherFailureThenFalse() {
		assertThat(StoreFailures.unavailable(new DataIntegrityViolationException("duplicate key"))).isFalse();
		assertThat(StoreFailures.unavailable(new IllegalStateException("bug"))).isFalse();
		assertThat(StoreFailures.unavailable(new SQLException("no state"))).isFalse();
	}

}
