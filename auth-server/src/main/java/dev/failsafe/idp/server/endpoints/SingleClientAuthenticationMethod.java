package dev.failsafe.idp.server.endpoints;

import dev.failsafe.idp.server.protocol.BasicAuthorization;
import dev.failsafe.idp.server.protocol.ProtocolErrors;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Refuses a back-channel request that authenticates its client more than one way, which RFC 6749
 * section 2.3 forbids: Spring would take the Basic header and silently ignore a
 * {@code client_secret} (or {@code client_assertion}) in the body. Placed first among the client
 * authentication converters; answers nothing (null) for a request with one method or none.
 */
final class SingleClientAuthenticationMethod implements AuthenticationConverter {

	@Override
	public Authentication convert(HttpServletRequest request) {
		int methods = 0;
		if (BasicAuthorization.isSent(request)) {
			methods++;
		}
		if (request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null) {
			methods++;
		}
		if (request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
			methods++;
		}
		if (methods > 1) {
			throw new OAuth2AuthenticationException(ProtocolErrors.multipleClientAuthentications());
		}
		return null;
	}

}
