package dev.failsafe.idp.server.frontchannel;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Raises, as a request converter of the authorization endpoint (and of the pushed authorization
 * request endpoint), a refusal recorded on the request before Spring Security saw it
 * ({@link #record}: a request object or {@code request_uri} that could not be resolved); answers null
 * (next converter) otherwise. The error carries no request, so the endpoint decides whether its
 * redirect URI can be trusted, from the parameters as they came.
 */
public final class ResolutionErrors implements AuthenticationConverter {

	private static final String ATTRIBUTE = ResolutionErrors.class.getName();

	/** Records that {@code request} was refused with {@code error}; the converter raises it. */
	public static void record(HttpServletRequest request, OAuth2Error error) {
		request.setAttribute(ATTRIBUTE, error);
	}

	@Override
	public Authentication convert(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof OAuth2Error error) {
			throw new OAuth2AuthorizationCodeRequestAuthenticationException(error, null);
		}
		return null;
	}

}
