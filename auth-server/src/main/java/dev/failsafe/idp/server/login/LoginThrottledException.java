package dev.failsafe.idp.server.login;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * Too many failed logins for this account from this address, or from this address: the password was
 * not checked, and the user must wait {@link #retryAfter()}.
 */
public final class LoginThrottledException extends AuthenticationException {

	private static final long serialVersionUID = 1L;

	private final Duration retryAfter;

	public LoginThrottledException(Duration retryAfter) {
		super("Too many failed sign-in attempts");
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

	/** The wait in whole seconds, rounded up: the {@code Retry-After} value. */
	public long retryAfterSeconds() {
		return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
	}

}
