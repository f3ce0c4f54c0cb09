package dev.failsafe.idp.server.tokens;

import java.io.IOException;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * Writes the token response and counts it in {@value #METRIC} by grant type: counted only once
 * the tokens are stored and on their way to the client.
 */
final class IssuedTokenCounter implements AuthenticationSuccessHandler {

	static final String METRIC = "idp.tokens.issued";

	private final AuthenticationSuccessHandler delegate = new OAuth2AccessTokenResponseAuthenticationSuccessHandler();

	private final MeterRegistry meters;

	IssuedTokenCounter(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		this.delegate.onAuthenticationSuccess(request, response, authentication);
		String grantType = request.getParameter(OAuth2ParameterNames.GRANT_TYPE);
		this.meters.counter(METRIC, "grant_type", (grantType != null) ? grantType : "unknown").increment();
	}

}
