package dev.failsafe.idp.server.logout;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * Takes over once an RP-initiated logout request is valid ({@link LogoutRequestValidator}): a
 * signed-in user is asked to confirm on our page (section 2: the OP asks, and must when nothing
 * proves the request came from the session's relying party); anyone else is sent straight on, since
 * there is nothing to end: to the verified post-logout redirect URI with {@code state}, or to our
 * signed-out page.
 */
final class LogoutRequestHandler implements AuthenticationSuccessHandler {

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		LogoutRequest logout = (LogoutRequest) authentication;
		RegisteredClient client = logout.client();
		PendingLogout pending = new PendingLogout((client != null) ? client.getClientName() : null,
				logout.redirectUri(), (logout.redirectUri() != null) ? logout.state() : null);
		if (!logout.userSignedIn()) {
			response.sendRedirect(pending.redirectTarget());
			return;
		}
		request.getSession().setAttribute(PendingLogout.SESSION_ATTRIBUTE, pending);
		response.sendRedirect(request.getContextPath() + LogoutConfirmationController.CONFIRM_PATH);
	}

}
