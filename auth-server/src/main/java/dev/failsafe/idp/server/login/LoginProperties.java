package dev.failsafe.idp.server.login;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Login throttling. Failures are counted per account and per source address over a sliding window;
 * past the limit, further attempts are refused without checking the password until old failures
 * leave the window.
 *
 * @param maxFailuresPerAccount failed logins of one account within the window before it is throttled
 * @param maxFailuresPerAddress failed logins from one source address within the window before it is throttled
 * @param window how far back failures count
 * @param maxTrackedKeys the most accounts plus addresses tracked at once (bounds memory under attack)
 */
@Validated
@ConfigurationProperties("idp.login")
public record LoginProperties(@Min(1) @DefaultValue("5") int maxFailuresPerAccount,
		@Min(1) @DefaultValue("20") int maxFailuresPerAddress, @NotNull @DefaultValue("15m") Duration window,
		@Min(100) @DefaultValue("100000") int maxTrackedKeys) {
}
