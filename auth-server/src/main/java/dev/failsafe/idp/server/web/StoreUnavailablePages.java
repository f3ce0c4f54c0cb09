package dev.failsafe.idp.server.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.failsafe.idp.replication.StoreUnavailableException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs outside Spring Session's filter, so it also sees a session read or save that failed (with
 * Redis: the store unreachable, or a signed-in session a replica did not acknowledge). Such a
 * request never reports success: the login form's POST goes back to the login page with
 * {@code ?unavailable} ("try again"), any other request gets our 503 error page with
 * {@code Retry-After}. The session cookie of an unconfirmed session is never sent.
 *
 * <p>The page is rendered here, from the {@code error} template, never through the servlet
 * container's error dispatch: that dispatch runs Spring Session's filter again, which reads the
 * session from the store that just failed, and a failure there left the container's own bare
 * "HTTP Status 503" page. For the same reason this filter also guards error dispatches: an error
 * page for another cause (a 404 for a signed-in user while Redis is down) becomes this page too.
 */
public final class StoreUnavailablePages extends OncePerRequestFilter {

	/** How long a client should wait before retrying, in seconds. */
	static final String RETRY_AFTER_SECONDS = "5";

	private static final Logger log = LoggerFactory.getLogger(StoreUnavailablePages.class);

	private final String loginPage;

	private final ITemplateEngine templates;

	private final String productName;

	public StoreUnavailablePages(String loginPage, ITemplateEngine templates, String productName) {
		this.loginPage = loginPage;
		this.templates = templates;
		this.productName = productName;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
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
			log.warn("Session store unavailable: {}", unavailable.getMessage());
			response.reset();
			response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
			if ("POST".equals(request.getMethod()) && this.loginPage.equals(request.getServletPath())) {
				response.sendRedirect(request.getContextPath() + this.loginPage + "?unavailable");
			}
			else {
				renderTryAgain(request, response);
			}
		}
	}

	private void renderTryAgain(HttpServletRequest request, HttpServletResponse response) throws IOException {
		int status = HttpStatus.SERVICE_UNAVAILABLE.value();
		WebContext context = new WebContext(
				JakartaServletWebApplication.buildApplication(request.getServletContext()).buildExchange(request, response),
				request.getLocale(), Map.of("status", status, "productName", this.productName));
		String page = this.templates.process("error", context);
		response.setStatus(status);
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Cache-Control", "no-store");
		response.getWriter().write(page);
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
