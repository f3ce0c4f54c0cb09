package dev.failsafe.idp.server.pages;

import java.io.IOException;

import dev.failsafe.idp.replication.StoreUnavailableException;
import dev.failsafe.idp.server.protocol.RetryAfter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs outside Spring Session's filter, so it also sees a session save that failed when the
 * response was committed (with Redis: a signed-in session a replica did not acknowledge). Such a
 * request never reports success: the login form's POST goes back to the login page with
 * {@code ?unavailable} ("try again"), any other request gets the 503 error page with
 * {@code Retry-After} ({@link RetryAfter}). The session cookie of an unconfirmed session is never sent.
 */
public final class StoreUnavailablePages extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(StoreUnavailablePages.class);

	private final String loginPage;

	public StoreUnavailablePages(String loginPage) {
		this.loginPage = loginPage;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			StoreUnavailableException unavailable = storeUnavailable(ex);
			if (unavailable == null || response.isCommitted()) {
				throw ex;
			}
			log.warn("Session write not confirmed: {}", unavailable.getMessage());
			response.reset();
			RetryAfter.unconfirmedWrite(response);
			if ("POST".equals(request.getMethod()) && this.loginPage.equals(request.getServletPath())) {
				response.sendRedirect(request.getContextPath() + this.loginPage + "?unavailable");
			}
			else {
				response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
			}
		}
	}

	private static StoreUnavailableException storeUnavailable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof StoreUnavailableException unavailable) {
				return unavailable;
			}
		}
		return null;
	}

}
