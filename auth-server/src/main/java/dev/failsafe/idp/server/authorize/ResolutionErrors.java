package dev.failsafe.idp.server.authorize;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Raises, as the authorization endpoint's first request converter, the refusal that
 * {@link AuthorizationRequestResolver} recorded on the request; answers null (next converter)
 * otherwise. The error carries no request, so the endpoint decides whether its redirect URI can be
 * trusted, from the parameters as they came.
 */
public final class ResolutionErrors implements AuthenticationConverter {

	private final String attribute;

	ResolutionErrors(String attribute) {
		this.attribute = attribute;
	}

	@Override
	public Authentication convert(HttpServletRequest request) {
		if (request.getAttribute(this.attribute) instanceof OAuth2Error error) {
			throw new OAuth2AuthorizationCodeRequestAuthenticationException(error, null);
		}
		return null;
	}

}
