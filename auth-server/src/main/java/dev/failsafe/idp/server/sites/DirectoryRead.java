package dev.failsafe.idp.server.sites;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

/**
 * One read of the directory, as a request would make it: a connection from the pool, then
 * {@code SELECT pg_is_in_recovery()} on PostgreSQL, bounded by {@code timeout} on the wire (the
 * connection's network timeout). Answers which member it reached.
 */
final class DirectoryRead {

	/** Which directory a read reached: the embedded H2 (in this process), a PostgreSQL primary, or a standby. */
	enum Reached {

		EMBEDDED, PRIMARY, STANDBY;

		boolean writable() {
			return this != STANDBY;
		}

	}

	private static final Executor SAME_THREAD = Runnable::run;

	private final DataSource directory;

	private final Duration timeout;

	DirectoryRead(DataSource directory, Duration timeout) {
		this.directory = directory;
		this.timeout = timeout;
	}

	/** Reads once; throws what the pool or the driver threw. */
	Reached once() throws SQLException {
		try (Connection connection = this.directory.getConnection()) {
			if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
				return Reached.EMBEDDED;
			}
			// The network timeout only, never a query timeout: the driver cancels a timed-out query
			// through a new connection to the same member and the statement waits for that
			// (cancelSignalTimeout, 10 s), which a silent member never answers.
			connection.setNetworkTimeout(SAME_THREAD, (int) this.timeout.toMillis());
			try (Statement sql = connection.createStatement()) {
				try (ResultSet result = sql.executeQuery("SELECT pg_is_in_recovery()")) {
					result.next();
					return result.getBoolean(1) ? Reached.STANDBY : Reached.PRIMARY;
				}
			}
		}
	}

}
