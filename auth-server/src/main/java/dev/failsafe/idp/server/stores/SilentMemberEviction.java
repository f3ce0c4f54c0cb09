package dev.failsafe.idp.server.stores;

import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

/**
 * Empties the directory's connection pool when a connection was found dead (SQLState class
 * {@code 08}: the member stopped answering, or the link to it broke), so requests stop borrowing its
 * siblings one by one. A member behind a cut link does not refuse anything: its packets vanish, and
 * every pooled connection to it hangs until the driver's {@code socketTimeout} (or the pool's
 * validation timeout), one request after another. HikariCP's soft eviction closes the idle
 * connections at once and the busy ones when they are returned; the new ones go where the connection
 * string finds a member (the primary, or a standby for reads while none is reachable). An embedded
 * or non-HikariCP data source has nothing to evict.
 */
public final class SilentMemberEviction {

	private static final String CONNECTION_EXCEPTION_CLASS = "08";

	private final HikariDataSource hikari;

	public SilentMemberEviction(DataSource directory) {
		this.hikari = hikari(directory);
	}

	/** Whether {@code failure}, or anything that caused it, says a connection is dead. */
	public static boolean connectionLost(Throwable failure) {
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& sql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS)) {
				return true;
			}
		}
		return false;
	}

	/** Evicts every pooled connection (softly); answers whether there was a pool to evict from. */
	public boolean evictAll() {
		// The pool starts with its first connection: look it up each time.
		HikariPoolMXBean pool = (this.hikari != null) ? this.hikari.getHikariPoolMXBean() : null;
		if (pool == null) {
			return false;
		}
		pool.softEvictConnections();
		return true;
	}

	private static HikariDataSource hikari(DataSource directory) {
		try {
			return directory.isWrapperFor(HikariDataSource.class) ? directory.unwrap(HikariDataSource.class) : null;
		}
		catch (SQLException ex) {
			return null;
		}
	}

}
