package dev.failsafe.idp.server.pages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.failsafe.idp.server.protocol.ProtocolErrorResponder;
import dev.failsafe.idp.server.protocol.ProtocolErrors;
import dev.failsafe.idp.server.protocol.RetryAfter;
import dev.failsafe.idp.server.stores.StoreFailures;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The answer to any request that failed because a store could not answer
 * ({@link StoreFailures#unavailable}: the session and authorization store, or the directory). Such
 * a request never reports success: the login form's POST goes back to the login page with
 * {@code ?unavailable} ("try again"), the protocol endpoints answer 503 {@code
 * temporarily_unavailable} JSON, the admin API an RFC 9457 problem (its bearer token is checked
 * against the stores before any controller runs), every other request our 503 "try again" page; all
 * with {@code Retry-After} ({@link RetryAfter}). It runs outside Spring Session's filter, so it also sees a session read or
 * save that failed; the session cookie of an unconfirmed session is never sent.
 *
 * <p>The page is rendered here, from the {@code error} template, never through the servlet
 * container's error dispatch: that dispatch runs Spring Session's filter again, which reads the
 * session from the store that just failed, and a failure there left the container's own bare
 * "HTTP Status 503" page. For the same reason this filter also guards error dispatches: an error
 * page for another cause (a 404 for a signed-in user while Redis is down) becomes this page too.
 */
public final class StoreUnavailableResponses extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(StoreUnavailableResponses.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String loginPage;

	private final RequestMatcher protocolEndpoints;

	private final ProtocolErrorResponder protocolErrors;

	private final RequestMatcher problemEndpoints;

	private final ITemplateEngine templates;

	private final String productName;

	/**
	 * @param loginPage the login form's path
	 * @param protocolEndpoints requests answered with protocol JSON rather than a page
	 * @param protocolErrors writes that JSON
	 * @param problemEndpoints requests answered with an RFC 9457 problem (the admin API)
	 * @param templates renders the {@code error} page
	 * @param productName shown on the page
	 */
	public StoreUnavailableResponses(String loginPage, RequestMatcher protocolEndpoints,
			ProtocolErrorResponder protocolErrors, RequestMatcher problemEndpoints, ITemplateEngine templates,
			String productName) {
		this.loginPage = loginPage;
		this.protocolEndpoints = protocolEndpoints;
		this.protocolErrors = protocolErrors;
		this.problemEndpoints = problemEndpoints;
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
			if (!StoreFailures.unavailable(ex) || response.isCommitted()) {
				throw ex;
			}
			log.warn("Store unavailable, answered 'try again': {}", ex.toString());
			response.reset();
			RetryAfter.unconfirmedWrite(response);
			if ("POST".equals(request.getMethod()) && this.loginPage.equals(request.getServletPath())) {
				response.sendRedirect(request.getContextPath() + this.loginPage + "?unavailable");
			}
			else if (this.protocolEndpoints.matches(request)) {
				this.protocolErrors.write(request, response, ProtocolErrors.temporarilyUnavailable());
			}
			else if (this.problemEndpoints.matches(request)) {
				writeProblem(request, response);
			}
			else {
				renderTryAgain(request, response);
			}
		}
	}

	private static void writeProblem(HttpServletRequest request, HttpServletResponse response) throws IOException {
		int status = HttpStatus.SERVICE_UNAVAILABLE.value();
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase());
		problem.put("status", status);
		problem.put("detail", "A store could not answer now (it may be failing over); nothing is acknowledged. "
				+ "Try again.");
		problem.put("instance", request.getRequestURI());
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Cache-Control", "no-store");
		response.getWriter().write(JSON.writeValueAsString(problem));
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

}
