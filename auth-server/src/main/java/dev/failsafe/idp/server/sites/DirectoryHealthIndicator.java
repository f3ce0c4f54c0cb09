package dev.failsafe.idp.server.sites;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of this node's directory (users and clients): whether it can read it now. Logins and
 * token requests read the directory, so a node that cannot is drained by the load balancer. On
 * PostgreSQL the connection string lists every member and prefers the primary, falling back to a
 * standby while no primary is reachable (during a failover, or on the side of a cut away from it):
 * reads go on from the standby and the node stays ready, while directory writes (the admin API)
 * answer "try again" until a primary is reachable; the details say which ({@code role},
 * {@code writable}). The embedded H2 directory is in this process and always readable.
 */
final class DirectoryHealthIndicator implements HealthIndicator {

	/** How long the check may take, in seconds (the connection pool's own timeout bounds the wait for a connection). */
	static final int QUERY_TIMEOUT_SECONDS = 2;

	private final DataSource directory;

	DirectoryHealthIndicator(DataSource directory) {
		this.directory = directory;
	}

	@Override
	public Health health() {
		try (Connection connection = this.directory.getConnection()) {
			if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
				return Health.up().withDetail("directory", "embedded").withDetail("writable", true).build();
			}
			try (Statement sql = connection.createStatement()) {
				sql.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
				try (ResultSet result = sql.executeQuery("SELECT pg_is_in_recovery()")) {
					result.next();
					boolean standby = result.getBoolean(1);
					return Health.up()
						.withDetail("directory", "postgresql")
						.withDetail("role", standby ? "standby" : "primary")
						.withDetail("writable", !standby)
						.build();
				}
			}
		}
		catch (SQLException | RuntimeException ex) {
			return Health.outOfService().withDetail("directory", "unreachable").withDetail("problem", ex.toString()).build();
		}
	}

}
