package dev.failsafe.idp.server.sites;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this node checks that it can read its directory, for readiness ({@link DirectoryWatch}): the
 * check runs in the background, and the readiness probe answers from its last result at once, so a
 * directory member that went silent never makes the probe itself slow.
 *
 * @param interval the pause between the end of one check and the start of the next
 * @param timeout how long one check may take (a connection from the pool, then one query); one that
 * does not answer in time counts as failed
 * @param maxAge how long after its last successful read the node still reports the directory
 * readable; past it, the node is not ready
 */
@Validated
@ConfigurationProperties("idp.directory-check")
public record DirectoryCheckProperties(@NotNull @DefaultValue("500ms") Duration interval,
		@NotNull @DefaultValue("1s") Duration timeout, @NotNull @DefaultValue("3s") Duration maxAge) {

	public DirectoryCheckProperties {
		requirePositive("interval", interval);
		requirePositive("timeout", timeout);
		requirePositive("max-age", maxAge);
		// A directory that answers every check must never look stale between two of them.
		if (maxAge.compareTo(interval.plus(timeout)) < 0) {
			throw new IllegalArgumentException(
					"idp.directory-check.max-age must be at least interval plus timeout, or a readable directory "
							+ "would be reported unreadable between two checks");
		}
	}

	private static void requirePositive(String name, Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException("idp.directory-check." + name + " must be positive");
		}
	}

}
