package dev.failsafe.idp.server.sites;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.springframework.boot.health.contributor.Health;

/**
 * What the background directory check has seen so far, and the readiness rule that follows from it:
 * the directory counts as readable while its last successful read is at most {@code maxAge} old, so
 * one slow or failed check does not drain a site, and a directory that stopped answering does within
 * a bound whatever the checks are doing (even one hanging past its own timeout). Immutable; each check
 * makes the next state.
 *
 * @param lastRead when a read last succeeded (null: never)
 * @param reached the member that read reached
 * @param lastFailure when a check last failed (null: never)
 * @param problem why it failed
 */
record DirectoryState(Instant lastRead, DirectoryRead.Reached reached, Instant lastFailure, String problem) {

	/** Before the first check. */
	static final DirectoryState UNCHECKED = new DirectoryState(null, null, null, "not checked yet");

	DirectoryState read(Instant at, DirectoryRead.Reached member) {
		return new DirectoryState(at, member, this.lastFailure, this.problem);
	}

	DirectoryState failed(Instant at, String why) {
		return new DirectoryState(this.lastRead, this.reached, at, why);
	}

	/** Whether the latest check failed (a read since then clears it). */
	boolean failing() {
		return this.lastFailure != null && (this.lastRead == null || this.lastFailure.isAfter(this.lastRead));
	}

	/** Readable at {@code now}: a read succeeded within {@code maxAge}. */
	boolean readable(Instant now, Duration maxAge) {
		return this.lastRead != null && !this.lastRead.plus(maxAge).isBefore(now);
	}

	/** The readiness answer at {@code now}. */
	Health health(Instant now, Duration maxAge) {
		Health.Builder health = readable(now, maxAge) ? Health.up() : Health.outOfService();
		if (this.reached == DirectoryRead.Reached.EMBEDDED) {
			health.withDetail("directory", "embedded");
		}
		else {
			health.withDetail("directory", readable(now, maxAge) ? "postgresql" : "unreachable");
		}
		if (this.reached != null) {
			health.withDetail("role", this.reached.name().toLowerCase(Locale.ROOT))
				.withDetail("writable", readable(now, maxAge) && this.reached.writable());
		}
		if (this.lastRead != null) {
			health.withDetail("lastReadAgo", Duration.between(this.lastRead, now).toString());
		}
		if (failing()) {
			health.withDetail("problem", this.problem);
		}
		return health.build();
	}

}
