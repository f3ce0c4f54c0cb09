package dev.failsafe.idp.server.backchannel;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How logout tokens reach relying parties (OpenID Connect Back-Channel Logout 1.0; README, "Back-channel
 * logout").
 *
 * @param connectTimeout how long a call waits to connect to a relying party
 * @param requestTimeout how long a call waits for a relying party's answer once sent
 * @param concurrency the most calls to relying parties in flight at once on one node
 * @param maxAttempts attempts at one delivery before it is given up
 * @param giveUpAfter how long after the logout a delivery not yet made is given up, attempts left or not
 * @param initialBackoff the wait before the second attempt; each later wait doubles, up to {@code maxBackoff}
 * @param maxBackoff the longest wait between two attempts
 * @param pollInterval how often a node looks for deliveries that came due (it also looks at once after
 * each logout it acknowledges)
 * @param lease how long a node holds a delivery it took: no other node takes it meanwhile, and if the
 * node dies, another takes it when this runs out
 * @param tokenTtl lifetime of a logout token ({@code exp - iat})
 */
@Validated
@ConfigurationProperties("idp.backchannel-logout")
public record BackChannelLogoutProperties(@NotNull @DefaultValue("2s") Duration connectTimeout,
		@NotNull @DefaultValue("5s") Duration requestTimeout, @Min(1) @Max(1024) @DefaultValue("16") int concurrency,
		@Min(1) @Max(100) @DefaultValue("15") int maxAttempts, @NotNull @DefaultValue("6h") Duration giveUpAfter,
		@NotNull @DefaultValue("2s") Duration initialBackoff, @NotNull @DefaultValue("15m") Duration maxBackoff,
		@NotNull @DefaultValue("1s") Duration pollInterval, @NotNull @DefaultValue("30s") Duration lease,
		@NotNull @DefaultValue("2m") Duration tokenTtl) {

	public BackChannelLogoutProperties {
		requirePositive("connect-timeout", connectTimeout);
		requirePositive("request-timeout", requestTimeout);
		requirePositive("give-up-after", giveUpAfter);
		requirePositive("initial-backoff", initialBackoff);
		requirePositive("max-backoff", maxBackoff);
		requirePositive("poll-interval", pollInterval);
		requirePositive("lease", lease);
		requirePositive("token-ttl", tokenTtl);
		if (initialBackoff.compareTo(maxBackoff) > 0) {
			throw new IllegalArgumentException(
					"idp.backchannel-logout.initial-backoff must not be longer than max-backoff");
		}
		// A call that is still running when its lease ends would be made a second time by another node.
		if (lease.compareTo(connectTimeout.plus(requestTimeout).multipliedBy(2)) < 0) {
			throw new IllegalArgumentException("idp.backchannel-logout.lease must be at least twice connect-timeout "
					+ "plus request-timeout, so a call ends before another node may take its delivery");
		}
	}

	/** When the store may forget a delivery made at {@code createdAt}: after it is given up, plus a lease. */
	Duration retention() {
		return this.giveUpAfter.plus(this.lease);
	}

	private static void requirePositive(String name, Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException("idp.backchannel-logout." + name + " must be positive");
		}
	}

}
