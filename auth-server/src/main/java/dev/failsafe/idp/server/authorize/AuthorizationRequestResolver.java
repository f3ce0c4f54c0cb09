package dev.failsafe.idp.server.authorize;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.failsafe.idp.server.clients.ClientProtocolSettings;
import dev.failsafe.idp.server.frontchannel.ResolutionErrors;
import dev.failsafe.idp.server.operators.OperatorClients;
import dev.failsafe.idp.server.users.ClaimsRequest;
import dev.failsafe.idp.server.protocol.ProtocolErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns an authorization request into the one the authorization server must process, before
 * Spring Security sees it (so the login decision, the request saved across the login page and the
 * code all follow the same parameters):
 *
 * <ul>
 * <li>{@code request_uri}: a pushed request's is the pushed parameters, taken once
 * ({@link PushedRequests}); any other is refused with {@code request_uri_not_supported} (we never
 * fetch a URL a request names). A client that must push its requests
 * ({@link ClientProtocolSettings#REQUIRE_PUSHED_AUTHORIZATION_REQUESTS}) is refused without one.</li>
 * <li>{@code request}: a request object signed with a key the client registered, whose claims win
 * over the query's parameters ({@link RequestObjects}); from a client that registered no key,
 * {@code request_not_supported}.</li>
 * <li>{@code claims}: must be a claims request ({@link ClaimsRequest}), else {@code invalid_request}.</li>
 * <li>{@code scope}: values the client is not registered for are dropped and the rest granted (OIDC
 * Core section 3.1.2.1: scope values not understood are ignored), unless nothing would be left or
 * the dropped one is the admin scope: then the request stays as it is and is refused with
 * {@code invalid_scope}.</li>
 * </ul>
 * The same resolution (request object, claims, scopes) applies to what a client pushes to the pushed
 * authorization request endpoint (RFC 9126 section 2.1). A request with no {@code client_id} the
 * directory knows is passed on untouched, for the authorization server to refuse. A refusal here is recorded on the request and raised by
 * {@link ResolutionErrors}, among the endpoint's first request converters, so that it is answered like any
 * other (an error redirect when the client and its redirect URI can be trusted).
 */
public final class AuthorizationRequestResolver extends OncePerRequestFilter {

	private final RegisteredClientRepository clients;

	private final RequestMatcher authorizationEndpoint;

	private final RequestMatcher pushedRequestEndpoint;

	private final PushedRequests pushed;

	private final RequestObjects requestObjects;

	public AuthorizationRequestResolver(RegisteredClientRepository clients, String authorizationEndpoint,
			String pushedRequestEndpoint, PushedRequests pushed, RequestObjects requestObjects) {
		this.clients = clients;
		this.authorizationEndpoint = PathPatternRequestMatcher.withDefaults().matcher(authorizationEndpoint);
		this.pushedRequestEndpoint = PathPatternRequestMatcher.withDefaults()
			.matcher(HttpMethod.POST, pushedRequestEndpoint);
		this.pushed = pushed;
		this.requestObjects = requestObjects;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.authorizationEndpoint.matches(request) && !this.pushedRequestEndpoint.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		AuthorizationParameters parameters = AuthorizationParameters.of(request);
		if (!parameters.isAuthorizationRequest()) {
			chain.doFilter(request, response);
			return;
		}
		AuthorizationParameters resolved;
		try {
			resolved = resolve(parameters, this.pushedRequestEndpoint.matches(request));
		}
		catch (RefusedRequest refused) {
			ResolutionErrors.record(request, refused.error());
			chain.doFilter(request, response);
			return;
		}
		chain.doFilter((resolved == parameters) ? request : ResolvedRequest.of(request, resolved), response);
	}

	private AuthorizationParameters resolve(AuthorizationParameters parameters, boolean pushing) {
		String clientId = parameters.single(OAuth2ParameterNames.CLIENT_ID);
		RegisteredClient client = (clientId != null) ? this.clients.findByClientId(clientId) : null;
		if (client == null) {
			return parameters;
		}
		AuthorizationParameters resolved = parameters;
		if (resolved.has(OAuth2ParameterNames.REQUEST_URI) && !pushing) {
			resolved = this.pushed.take(resolved, client);
		}
		else if (!pushing && ClientProtocolSettings.requiresPushedAuthorizationRequests(client)) {
			throw new RefusedRequest(ProtocolErrors.pushedRequestRequired());
		}
		if (resolved.has(AuthorizationParameters.REQUEST)) {
			resolved = this.requestObjects.merge(resolved, client);
		}
		if (resolved.has(AuthorizationParameters.CLAIMS)
				&& ClaimsRequest.parse(resolved.single(AuthorizationParameters.CLAIMS)).isEmpty()) {
			throw new RefusedRequest(ProtocolErrors.invalidClaimsParameter());
		}
		return withRegisteredScopes(resolved, client);
	}

	private static AuthorizationParameters withRegisteredScopes(AuthorizationParameters parameters,
			RegisteredClient client) {
		Set<String> requested = parameters.words(OAuth2ParameterNames.SCOPE);
		Set<String> kept = new LinkedHashSet<>();
		for (String scope : requested) {
			if (client.getScopes().contains(scope) || OperatorClients.ADMIN_SCOPE.equals(scope)) {
				kept.add(scope);
			}
		}
		if (kept.isEmpty() || kept.size() == requested.size()) {
			return parameters;
		}
		return parameters.with(OAuth2ParameterNames.SCOPE, String.join(" ", kept));
	}

	/** A request refused while resolving it, with the error its client gets. */
	static final class RefusedRequest extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final transient OAuth2Error error;

		RefusedRequest(OAuth2Error error) {
			super(error.getDescription(), null, false, false);
			this.error = error;
		}

		OAuth2Error error() {
			return this.error;
		}

	}

}
