package dev.failsafe.idp.server.login;

import dev.failsafe.idp.replication.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Puts the {@link LoginThrottle} in front of password checking. Every attempt is counted (pending)
 * before its password is checked, so parallel attempts cannot slip past the limit together; a
 * waiting attempt is refused before any hashing. The right password takes its attempt back; a wrong
 * one, or an account that refuses sign-in, makes it a failure for the window; an attempt whose
 * password could not be checked at all is withdrawn.
 *
 * <p>Fails closed: when the counters cannot be reached, the login is refused as "try again" (the
 * same answer as when the session cannot be stored, which with Redis lives in the same place),
 * never let through unthrottled.
 */
public final class ThrottledAuthenticationProvider implements AuthenticationProvider {

	private static final Logger log = LoggerFactory.getLogger(ThrottledAuthenticationProvider.class);

	private final AuthenticationProvider passwords;

	private final LoginThrottle throttle;

	public ThrottledAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle) {
		this.passwords = passwords;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String address = (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? details.getRemoteAddress() : null;
		LoginThrottle.Attempt attempt;
		try {
			attempt = this.throttle.admit(authentication.getName(), address);
		}
		catch (StoreUnavailableException ex) {
			throw new AuthenticationServiceException("Login attempts cannot be counted now", ex);
		}
		if (!attempt.admitted()) {
			throw new LoginThrottledException(attempt.retryAfter());
		}
		Authentication authenticated;
		try {
			authenticated = this.passwords.authenticate(authentication);
		}
		catch (InternalAuthenticationServiceException ex) {
			settle(attempt::withdraw);
			throw ex;
		}
		catch (AuthenticationException ex) {
			settle(attempt::failed);
			throw ex;
		}
		settle(attempt::succeeded);
		return authenticated;
	}

	/**
	 * The user's outcome stands even if the counters miss this update: the attempt then stays pending
	 * until it is forgotten ({@link dev.failsafe.idp.replication.throttling.LoginAttemptStore#PENDING_LIFETIME}).
	 */
	private static void settle(Runnable update) {
		try {
			update.run();
		}
		catch (StoreUnavailableException ex) {
			log.warn("Login attempt counters not updated: {}", ex.getMessage());
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
