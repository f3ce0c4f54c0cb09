package dev.failsafe.idp.server.authorize;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The authorization request waiting for the user to sign in, kept in the session (one at a time,
 * the latest wins) as its resolved parameters, GET or POST alike, and resumed inside the login
 * form's own POST: the form's answer is then the authorization endpoint's (the redirect to the
 * client with its code, or to the consent page), so a returning user needs three requests from the
 * authorization request to tokens (issue 16: the login page, its POST, the code exchange).
 *
 * <p>Session attribute {@value #ATTRIBUTE}: the parameters as one percent-encoded query string (a
 * {@code String}, so any session store serializes it). The authorization server's chain uses
 * {@link #requestCache()}, which saves only authorization requests and never hands a saved request to
 * Spring's request cache filter (which would replay it as a GET with the login form's parameters).
 * It is deliberately not a {@link RequestCache} bean: Spring Security would make every chain use it.
 */
public final class PendingAuthorizations {

	static final String ATTRIBUTE = PendingAuthorizations.class.getName();

	/** The request attribute marking an authorization request resumed right after a sign-in. */
	static final String RESUMED_ATTRIBUTE = PendingAuthorizations.class.getName() + ".resumed";

	private final String authorizationEndpoint;

	private final RequestMatcher endpoint;

	public PendingAuthorizations(String authorizationEndpoint) {
		this.authorizationEndpoint = authorizationEndpoint;
		this.endpoint = PathPatternRequestMatcher.withDefaults().matcher(authorizationEndpoint);
	}

	/** The authorization server chain's request cache: saves authorization requests here, nothing else. */
	public RequestCache requestCache() {
		return new RequestCache() {

			@Override
			public void saveRequest(HttpServletRequest request, HttpServletResponse response) {
				PendingAuthorizations.this.saveRequest(request, response);
			}

			@Override
			public SavedRequest getRequest(HttpServletRequest request, HttpServletResponse response) {
				return null;
			}

			@Override
			public HttpServletRequest getMatchingRequest(HttpServletRequest request, HttpServletResponse response) {
				return null;
			}

			@Override
			public void removeRequest(HttpServletRequest request, HttpServletResponse response) {
				PendingAuthorizations.this.removeRequest(request);
			}

		};
	}

	/** Saves {@code request} if it is an authorization request to the authorization endpoint. */
	public void saveRequest(HttpServletRequest request, HttpServletResponse response) {
		if (!this.endpoint.matches(request)) {
			return;
		}
		AuthorizationParameters parameters = AuthorizationParameters.of(request);
		if (parameters.isAuthorizationRequest()) {
			request.getSession().setAttribute(ATTRIBUTE, parameters.toQueryString());
		}
	}

	/** The pending authorization request of this session, if any. */
	public Optional<AuthorizationParameters> find(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null && session.getAttribute(ATTRIBUTE) instanceof String query)
				? Optional.of(AuthorizationParameters.parse(query)) : Optional.empty();
	}

	/**
	 * Resumes the pending authorization request, if there is one, in place of {@code request} (the
	 * login form's successful POST): the authorization endpoint answers it. The request is taken out
	 * of the session first, so it is resumed once.
	 * @return false if nothing was pending
	 */
	public boolean resume(HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		Optional<AuthorizationParameters> pending = find(request);
		if (pending.isEmpty()) {
			return false;
		}
		removeRequest(request);
		request.setAttribute(RESUMED_ATTRIBUTE, Boolean.TRUE);
		request.getRequestDispatcher(this.authorizationEndpoint)
			.forward(ResolvedRequest.asGet(request, pending.get()), response);
		return true;
	}

	/** Whether {@code request} is an authorization request resumed right after the user signed in. */
	static boolean isResumed(HttpServletRequest request) {
		return Boolean.TRUE.equals(request.getAttribute(RESUMED_ATTRIBUTE));
	}

	private void removeRequest(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(ATTRIBUTE);
		}
	}

}
