package dev.failsafe.idp.samples.shop.login;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * A failed sign-in goes back to the sign-in page with a message for the shopper, and its cause
 * (the protocol error, never a token) to the log for the operator.
 */
final class LoggedLoginFailure implements AuthenticationFailureHandler {

	private static final Logger log = LoggerFactory.getLogger(LoggedLoginFailure.class);

	private final AuthenticationFailureHandler page = new SimpleUrlAuthenticationFailureHandler("/login?error");

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		log.warn("Sign-in with the provider failed: {}", exception.getMessage());
		this.page.onAuthenticationFailure(request, response, exception);
	}

}
