package dev.failsafe.idp.server.sites;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of this node's directory (users and clients): whether it could read it lately. Logins
 * and token requests read the directory, so a node that cannot is drained by the load balancer. It
 * never reads the directory itself: it answers at once from the last background check
 * ({@link DirectoryWatch}), ready while a read succeeded within {@code idp.directory-check.max-age}.
 * On PostgreSQL the connection string lists every member and prefers the primary, falling back to a
 * standby while no primary is reachable (during a failover, or on the side of a cut away from it):
 * reads go on from the standby and the node stays ready, while directory writes (the admin API)
 * answer "try again" until a primary is reachable; the details say which ({@code role},
 * {@code writable}). The embedded H2 directory is in this process and always readable.
 *
 * @param watch the background check
 * @param maxAge how old the last successful read may be ({@code idp.directory-check.max-age})
 * @param clock the time
 */
record DirectoryHealthIndicator(DirectoryWatch watch, Duration maxAge, Clock clock) implements HealthIndicator {

	@Override
	public Health health() {
		return this.watch.state().health(this.clock.instant(), this.maxAge);
	}

}
