package dev.failsafe.idp.server.login;

import java.time.Duration;

import dev.failsafe.idp.replication.throttling.LoginLimits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Login throttling (README, "Security model"). Attempts are counted per (account, source address)
 * pair, per address and per account over a sliding window; a counter past its limit makes further
 * attempts wait, without a password check, until old failures leave the window.
 *
 * @param maxFailuresPerPair failed logins of one account from one address within the window before
 * that address must wait for that account
 * @param maxFailuresPerAddress failed logins from one address, over all accounts, within the window
 * before that address must wait
 * @param maxFailuresPerAccount failed logins of one account, over all addresses, within the window
 * from which each address gets only one failure for it per window
 * @param window how far back failures count
 * @param maxTrackedKeys the most counters (pairs, addresses and accounts) one node keeps in memory
 * when there is no Redis; the one touched longest ago makes room
 */
@Validated
@ConfigurationProperties("idp.login")
public record LoginProperties(@Min(1) @DefaultValue("5") int maxFailuresPerPair,
		@Min(1) @DefaultValue("20") int maxFailuresPerAddress, @Min(1) @DefaultValue("20") int maxFailuresPerAccount,
		@NotNull @DefaultValue("15m") Duration window, @Min(100) @DefaultValue("100000") int maxTrackedKeys) {

	public LoginProperties {
		if (window != null && window.toSeconds() < 1) {
			throw new IllegalArgumentException("idp.login.window must be at least 1s");
		}
	}

	/** The limits as the attempt stores apply them. */
	public LoginLimits limits() {
		return new LoginLimits(this.maxFailuresPerPair, this.maxFailuresPerAddress, this.maxFailuresPerAccount,
				this.window);
	}

}
