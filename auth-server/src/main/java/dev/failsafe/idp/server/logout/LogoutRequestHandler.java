package dev.failsafe.idp.server.logout;

import java.io.IOException;

import dev.failsafe.idp.server.web.ClientNames;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.StringUtils;

/**
 * Takes over once the authorization server has validated an RP-initiated logout request
 * ({@code id_token_hint}, exact {@code post_logout_redirect_uri} match): a signed-in user is asked
 * to confirm on our page; anyone else is sent straight on, since there is nothing to end.
 */
public final class LogoutRequestHandler implements AuthenticationSuccessHandler {

	private final ClientNames clientNames;

	public LogoutRequestHandler(ClientNames clientNames) {
		this.clientNames = clientNames;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		OidcLogoutAuthenticationToken logout = (OidcLogoutAuthenticationToken) authentication;
		String redirectUri = (logout.isAuthenticated() && StringUtils.hasText(logout.getPostLogoutRedirectUri()))
				? logout.getPostLogoutRedirectUri() : null;
		PendingLogout pending = new PendingLogout(this.clientNames.nameOf(logout.getClientId()).orElse(null),
				redirectUri, logout.getState());
		if (!logout.isPrincipalAuthenticated()) {
			response.sendRedirect(pending.redirectTarget());
			return;
		}
		request.getSession().setAttribute(PendingLogout.SESSION_ATTRIBUTE, pending);
		response.sendRedirect(request.getContextPath() + LogoutConfirmationController.CONFIRM_PATH);
	}

}
