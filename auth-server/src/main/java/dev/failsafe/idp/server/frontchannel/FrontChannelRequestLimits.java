package dev.failsafe.idp.server.frontchannel;

import dev.failsafe.idp.server.protocol.ProtocolErrors;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Refuses authorization and logout requests too large to answer, before anything is stored or
 * saved for after the login page. Placed first among the endpoint's request converters; answers
 * nothing (null) for a request within the limits.
 *
 * <ul>
 * <li>{@code state} longer than {@value #MAX_STATE_LENGTH} characters: it is echoed, percent-encoded,
 * in the {@code Location} header of the redirect back to the client, which Tomcat refuses past
 * 8 KB (the redirect became an empty 500).</li>
 * <li>Parameters longer than {@value #MAX_PARAMETERS_LENGTH} characters in all: the request is saved
 * across the login page and replayed through a redirect, with the same header limit.</li>
 * </ul>
 * Either is answered with the error page, never a redirect: the request cannot be echoed back.
 */
final class FrontChannelRequestLimits implements AuthenticationConverter {

	static final int MAX_STATE_LENGTH = 1024;

	static final int MAX_PARAMETERS_LENGTH = 4096;

	@Override
	public Authentication convert(HttpServletRequest request) {
		long length = (request.getQueryString() != null) ? request.getQueryString().length() : 0;
		length += Math.max(request.getContentLengthLong(), 0);
		if (length > MAX_PARAMETERS_LENGTH) {
			throw refused(ProtocolErrors.frontChannelRequestTooLarge(MAX_PARAMETERS_LENGTH));
		}
		String[] states = request.getParameterValues(OAuth2ParameterNames.STATE);
		if (states != null) {
			for (String state : states) {
				if (state.length() > MAX_STATE_LENGTH) {
					throw refused(ProtocolErrors.stateTooLong(MAX_STATE_LENGTH));
				}
			}
		}
		return null;
	}

	/**
	 * The authorization endpoint's error handler needs this subtype; without a request attached it
	 * shows the error page. The logout endpoint's handler takes any OAuth2AuthenticationException.
	 */
	private static OAuth2AuthorizationCodeRequestAuthenticationException refused(OAuth2Error error) {
		return new OAuth2AuthorizationCodeRequestAuthenticationException(error, null);
	}

}
