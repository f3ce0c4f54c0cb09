package dev.failsafe.idp.server.logout;

import java.io.IOException;
import java.util.List;

import dev.failsafe.idp.server.clients.ClientNames;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.StringUtils;

/**
 * Takes over once the authorization server has validated an RP-initiated logout request
 * ({@code id_token_hint}, exact {@code post_logout_redirect_uri} match): a signed-in user is asked
 * to confirm on our page; anyone else is sent straight on, since there is nothing to end.
 */
final class LogoutRequestHandler implements AuthenticationSuccessHandler {

	private final ClientNames clientNames;

	LogoutRequestHandler(ClientNames clientNames) {
		this.clientNames = clientNames;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		OidcLogoutAuthenticationToken logout = (OidcLogoutAuthenticationToken) authentication;
		String redirectUri = (logout.isAuthenticated() && StringUtils.hasText(logout.getPostLogoutRedirectUri()))
				? logout.getPostLogoutRedirectUri() : null;
		PendingLogout pending = new PendingLogout(this.clientNames.nameOf(clientId(logout)).orElse(null), redirectUri,
				logout.getState());
		if (!logout.isPrincipalAuthenticated()) {
			response.sendRedirect(pending.redirectTarget());
			return;
		}
		request.getSession().setAttribute(PendingLogout.SESSION_ATTRIBUTE, pending);
		response.sendRedirect(request.getContextPath() + LogoutConfirmationController.CONFIRM_PATH);
	}

	/**
	 * The relying party: {@code client_id} is optional in RP-initiated logout, but the validated
	 * {@code id_token_hint} names it in its audience.
	 */
	private static String clientId(OidcLogoutAuthenticationToken logout) {
		if (StringUtils.hasText(logout.getClientId())) {
			return logout.getClientId();
		}
		OidcIdToken idToken = logout.getIdToken();
		List<String> audience = (idToken != null) ? idToken.getAudience() : null;
		return (audience != null && !audience.isEmpty()) ? audience.get(0) : null;
	}

}
