package dev.failsafe.idp.server.login;

import org.springframework.security.core.AuthenticationException;

/** Too many failed logins for this account or from this address; the password was not checked. */
public final class LoginThrottledException extends AuthenticationException {

	private static final long serialVersionUID = 1L;

	public LoginThrottledException() {
		super("Too many failed sign-in attempts");
	}

}
