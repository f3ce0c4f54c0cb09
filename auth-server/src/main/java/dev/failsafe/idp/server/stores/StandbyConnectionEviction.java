package dev.failsafe.idp.server.stores;

import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Tells HikariCP to close a connection whose write was refused because it reached a read-only
 * standby (SQLState {@code 25006}). The directory's connection string lists every member and prefers
 * the primary, falling back to a standby for reads while no primary is reachable (during a
 * failover); such a connection would otherwise stay in the pool after the primary is back, and
 * every write through it would fail until it aged out. Closed, the next connection finds the
 * primary. Named in {@code spring.datasource.hikari.exception-override-class-name}.
 */
public final class StandbyConnectionEviction implements SQLExceptionOverride {

	static final String READ_ONLY_TRANSACTION = "25006";

	@java.lang.Override
	public Override adjudicate(SQLException failure) {
		for (SQLException cause = failure; cause != null; cause = cause.getNextException()) {
			if (READ_ONLY_TRANSACTION.equals(cause.getSQLState())) {
				return Override.MUST_EVICT;
			}
		}
		return Override.CONTINUE_EVICT;
	}

}
