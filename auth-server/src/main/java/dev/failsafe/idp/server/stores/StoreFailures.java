package dev.failsafe.idp.server.stores;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

import dev.failsafe.idp.replication.StoreUnavailableException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means a store could not answer now, so the request gets "try again" (503 with
 * {@code Retry-After}, {@code temporarily_unavailable} on the protocol endpoints) rather than an
 * error page or a false success. Two stores: the session and authorization store (its own
 * {@link StoreUnavailableException}: Redis unreachable, a write refused or not acknowledged by a
 * replica), and the directory (PostgreSQL during a failover): no connection to any member, a
 * connection lost or timed out, a write that reached a standby (SQLState {@code 25006}, the
 * provider's connection string prefers the primary but falls back to a standby for reads), a
 * server shutting down ({@code 57P01}-{@code 57P03}), too many connections ({@code 53}), a
 * serialization failure or deadlock (also when a failed rollback hides one of these). A write whose commit was cut off may still have committed on
 * the old primary: it was never acknowledged, and the directory's synchronous replication means a
 * promoted member keeps only what a standby confirmed.
 */
public final class StoreFailures {

	private static final Set<String> UNAVAILABLE_STATES = Set.of("25006", "57P01", "57P02", "57P03");

	private static final Set<String> UNAVAILABLE_STATE_CLASSES = Set.of("08", "53", "40");

	private StoreFailures() {
	}

	/** Whether {@code failure}, or anything that caused it, is a store that cannot answer now. */
	public static boolean unavailable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof StoreUnavailableException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
					|| cause instanceof CannotCreateTransactionException || cause instanceof SQLTransientException
					|| cause instanceof SQLRecoverableException) {
				return true;
			}
			if (cause instanceof SQLException sql && unavailableState(sql.getSQLState())) {
				return true;
			}
			// A write refused by a standby closes its connection (StandbyConnectionEviction), so the
			// rollback that follows fails and hides the refusal it rolled back.
			if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
					&& unavailable(rollback.getApplicationException())) {
				return true;
			}
			if (cause.getCause() == cause) {
				return false;
			}
		}
		return false;
	}

	/** Whether {@code sqlState} says the server cannot serve this now (not that the request is wrong). */
	static boolean unavailableState(String sqlState) {
		return sqlState != null && sqlState.length() == 5 && (UNAVAILABLE_STATES.contains(sqlState)
				|| UNAVAILABLE_STATE_CLASSES.contains(sqlState.substring(0, 2)));
	}

}
