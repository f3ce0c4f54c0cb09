package dev.failsafe.idp.server.authorize;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.server.authorize.AuthorizationRequestResolver.RefusedRequest;
import dev.failsafe.idp.server.authorizations.StoredAuthorizationService;
import dev.failsafe.idp.server.protocol.ProtocolErrors;

import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * {@code request_uri} at the authorization endpoint: only the ones our pushed authorization request
 * endpoint issued (RFC 9126) are accepted; we never fetch a URL a request names
 * ({@code request_uri_not_supported}).
 *
 * <p>A pushed request is taken once, atomically, in the replicated store
 * ({@link StoredAuthorizationService#consume}): of two uses of one {@code request_uri}, at any node
 * of any site, exactly one gets the pushed parameters; the other, a later one, another client's, an
 * unknown or an expired one gets {@code invalid_request}. The pushed parameters replace the
 * request's, so the request waiting for the login page holds them, not the spent {@code request_uri}.
 */
public final class PushedRequests {

	/** RFC 9126 section 2.2: the prefix of the request URIs the endpoint issues. */
	static final String URN_PREFIX = "urn:ietf:params:oauth:request_uri:";

	/** Spring's request URIs end with this and their expiry (epoch milliseconds). */
	private static final String EXPIRY_DELIMITER = "___";

	private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

	private final StoredAuthorizationService authorizations;

	private final Clock clock;

	public PushedRequests(StoredAuthorizationService authorizations, Clock clock) {
		this.authorizations = authorizations;
		this.clock = clock;
	}

	/** The request a {@code request_uri} stands for, taken out of the store. */
	AuthorizationParameters take(AuthorizationParameters parameters, RegisteredClient client) {
		String requestUri = parameters.single(OAuth2ParameterNames.REQUEST_URI);
		if (requestUri == null || !requestUri.startsWith(URN_PREFIX)) {
			throw new RefusedRequest(ProtocolErrors.requestUriNotSupported());
		}
		String handle = requestUri.substring(URN_PREFIX.length());
		OAuth2Authorization pushed = this.authorizations.findByToken(handle, STATE);
		if (pushed == null || !pushed.getRegisteredClientId().equals(client.getId())) {
			throw unusable();
		}
		if (expired(handle)) {
			this.authorizations.remove(pushed);
			throw unusable();
		}
		if (!this.authorizations.consume(pushed)) {
			throw unusable();
		}
		OAuth2AuthorizationRequest request = pushed.getAttribute(OAuth2AuthorizationRequest.class.getName());
		return new AuthorizationParameters(parametersOf(request));
	}

	private boolean expired(String handle) {
		int delimiter = handle.lastIndexOf(EXPIRY_DELIMITER);
		try {
			return delimiter < 0 || !this.clock.instant()
				.isBefore(Instant.ofEpochMilli(Long.parseLong(handle.substring(delimiter + EXPIRY_DELIMITER.length()))));
		}
		catch (NumberFormatException ex) {
			return true;
		}
	}

	private static Map<String, List<String>> parametersOf(OAuth2AuthorizationRequest request) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		parameters.put(OAuth2ParameterNames.RESPONSE_TYPE, List.of(request.getResponseType().getValue()));
		parameters.put(OAuth2ParameterNames.CLIENT_ID, List.of(request.getClientId()));
		if (request.getRedirectUri() != null) {
			parameters.put(OAuth2ParameterNames.REDIRECT_URI, List.of(request.getRedirectUri()));
		}
		if (!request.getScopes().isEmpty()) {
			parameters.put(OAuth2ParameterNames.SCOPE, List.of(String.join(" ", request.getScopes())));
		}
		if (request.getState() != null) {
			parameters.put(OAuth2ParameterNames.STATE, List.of(request.getState()));
		}
		request.getAdditionalParameters().forEach((name, value) -> parameters.put(name,
				(value instanceof String[] values) ? List.of(values) : List.of(String.valueOf(value))));
		return parameters;
	}

	private static RefusedRequest unusable() {
		return new RefusedRequest(ProtocolErrors.pushedRequestUnusable());
	}

}
