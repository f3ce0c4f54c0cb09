package dev.failsafe.idp.server.authorize;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The authorization endpoint answers a request that needs the user to sign in with the login page
 * itself (200), not a redirect to it: one request fewer for every sign-in. The page is rendered by
 * a forward as a GET without the authorization request's parameters (which wait in
 * {@link PendingAuthorizations}), so a POSTed authorization request never reaches the login form's
 * processing, and none of its parameters can pose as the form's.
 */
public final class LoginPageForward implements AuthenticationEntryPoint {

	private final String loginPage;

	public LoginPageForward(String loginPage) {
		this.loginPage = loginPage;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException, ServletException {
		response.setHeader("Cache-Control", "no-store");
		request.getRequestDispatcher(this.loginPage).forward(new ParameterlessGet(request), response);
	}

}
