package dev.failsafe.idp.server.pages;

import java.io.IOException;

import dev.failsafe.idp.server.authorize.AuthorizationParameters;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Remembers a request's {@code ui_locales} in its session before any page is rendered, for the
 * requests the authorization server answers without a page of their own: RP-initiated logout's
 * {@code ui_locales} (RP-Initiated Logout section 2) then holds on the confirmation page it
 * redirects to. Runs inside the session filter; never creates a session.
 */
final class UiLocalesRemembered extends OncePerRequestFilter {

	private final UiLocaleResolver locales;

	UiLocalesRemembered(UiLocaleResolver locales) {
		this.locales = locales;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getParameter(AuthorizationParameters.UI_LOCALES) == null || request.getSession(false) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		this.locales.resolveLocale(request);
		chain.doFilter(request, response);
	}

}
