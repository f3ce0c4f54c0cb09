package dev.failsafe.idp.server.login;

import java.io.IOException;

import dev.failsafe.idp.replication.StoreUnavailableException;
import dev.failsafe.idp.server.stores.StoreFailures;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * What happens after the login form is submitted: counts each outcome in the metric
 * {@value #METRIC} (tag {@code outcome}), logs it (never the password), and sends the user on,
 * back to the login page with a reason on failure; a throttled attempt gets the login page at once
 * with 429 and {@code Retry-After}. A login is counted as a success only once its
 * session was stored (and acknowledged by a replica where the store requires it); otherwise the
 * {@link StoreUnavailableException} goes on to {@link dev.failsafe.idp.server.pages.StoreUnavailableResponses},
 * which sends the user back to the login page to try again. A directory that could not be read
 * ({@link StoreFailures#unavailable}) is "unavailable" too, not a wrong password.
 */
public final class LoginOutcomes implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

	public static final String METRIC = "idp.logins";

	private static final Logger log = LoggerFactory.getLogger(LoginOutcomes.class);

	private final MeterRegistry meters;

	private final SavedRequestAwareAuthenticationSuccessHandler onSuccess = new SavedRequestAwareAuthenticationSuccessHandler();

	public LoginOutcomes(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		try {
			// The redirect commits the session: with Redis, the save that must reach a replica.
			this.onSuccess.onAuthenticationSuccess(request, response, authentication);
		}
		catch (StoreUnavailableException ex) {
			count("unavailable", request);
			throw ex;
		}
		count("success", request);
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		String reason = reason(exception);
		count(reason, request);
		if (exception instanceof LoginThrottledException throttled) {
			// Answered here, not by a redirect: 429 with Retry-After and the login page saying how long.
			request.setAttribute(LoginController.RETRY_AFTER_ATTRIBUTE, throttled.retryAfterSeconds());
			request.getRequestDispatcher(LoginPage.THROTTLED_PATH).forward(request, response);
			return;
		}
		new SimpleUrlAuthenticationFailureHandler(LoginPage.PATH + "?" + reason).onAuthenticationFailure(request, response,
				exception);
	}

	private static String reason(AuthenticationException exception) {
		if (exception instanceof LoginThrottledException) {
			return "throttled";
		}
		if (exception instanceof DisabledException) {
			return "disabled";
		}
		if (exception.getCause() != null && StoreFailures.unavailable(exception.getCause())) {
			return "unavailable";
		}
		return "error";
	}

	private void count(String outcome, HttpServletRequest request) {
		this.meters.counter(METRIC, "outcome", outcome).increment();
		log.atInfo()
			.addKeyValue("login.outcome", outcome)
			.addKeyValue("login.username", request.getParameter("username"))
			.addKeyValue("client.address", request.getRemoteAddr())
			.log("Login {}", outcome);
	}

}
