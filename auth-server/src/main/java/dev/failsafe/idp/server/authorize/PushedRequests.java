package dev.failsafe.idp.server.authorize;

import dev.failsafe.idp.server.web.ProtocolErrors;

import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * {@code request_uri} at the authorization endpoint: only the ones our pushed authorization request
 * endpoint issued (RFC 9126) are accepted; we never fetch a URL a request names.
 */
public final class PushedRequests {

	/** RFC 9126 section 2.2: the prefix of the request URIs the endpoint issues. */
	static final String URN_PREFIX = "urn:ietf:params:oauth:request_uri:";

	/** The request a {@code request_uri} stands for. */
	AuthorizationParameters take(AuthorizationParameters parameters, RegisteredClient client) {
		String requestUri = parameters.single(OAuth2ParameterNames.REQUEST_URI);
		if (requestUri == null || !requestUri.startsWith(URN_PREFIX)) {
			throw new AuthorizationRequestResolver.RefusedRequest(ProtocolErrors.requestUriNotSupported());
		}
		return parameters;
	}

}
