package dev.failsafe.idp.samples.partnerapi.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * When a token could not be checked at all (no JWKS and no recent last good one), the client is
 * not at fault: 503 with {@code Retry-After}, not a 401 that would make it throw the token away,
 * and not a 500. Every other failure goes to the bearer entry point (401 with
 * {@code WWW-Authenticate}).
 */
final class KeysUnavailableHandler implements AuthenticationFailureHandler {

	static final String RETRY_AFTER_SECONDS = "30";

	private final AuthenticationEntryPoint bearer;

	KeysUnavailableHandler(AuthenticationEntryPoint bearer) {
		this.bearer = bearer;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		if (!(exception instanceof AuthenticationServiceException)) {
			this.bearer.commence(request, response, exception);
			return;
		}
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getOutputStream()
			.write(("{\"error\":\"temporarily_unavailable\",\"error_description\":\"The token cannot be checked "
					+ "right now; try again later\"}").getBytes(StandardCharsets.UTF_8));
	}

}
