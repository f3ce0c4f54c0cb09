package dev.failsafe.idp.server.frontchannel;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Wraps Spring's authorization request converter so that the errors it finds in the parameters
 * (unsupported or missing {@code response_type}, a duplicated parameter) reach the client as RFC
 * 6749 section 4.1.2.1 asks: redirected to its {@code redirect_uri} with {@code error} and
 * {@code state}. Spring raises them before it has looked at the client, so by default they end on
 * the error page.
 *
 * <p>Redirects only when {@code client_id} names a client and {@code redirect_uri} (sent exactly
 * once) passes {@link ExactRedirectUriValidator}; otherwise the error page stays. The state is echoed
 * only when sent exactly once.
 */
final class AuthorizationErrorRedirect implements AuthenticationConverter {

	private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("anonymous", "anonymousUser",
			AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	private final AuthenticationConverter delegate;

	private final RegisteredClientRepository clients;

	private final ExactRedirectUriValidator redirectUris;

	AuthorizationErrorRedirect(AuthenticationConverter delegate, RegisteredClientRepository clients,
			ExactRedirectUriValidator redirectUris) {
		this.delegate = delegate;
		this.clients = clients;
		this.redirectUris = redirectUris;
	}

	@Override
	public Authentication convert(HttpServletRequest request) {
		try {
			return this.delegate.convert(request);
		}
		catch (OAuth2AuthorizationCodeRequestAuthenticationException ex) {
			OAuth2AuthorizationCodeRequestAuthenticationToken target = (ex
				.getAuthorizationCodeRequestAuthentication() == null) ? trustedRedirect(request) : null;
			if (target == null) {
				throw ex;
			}
			throw new OAuth2AuthorizationCodeRequestAuthenticationException(ex.getError(), target);
		}
	}

	/** The request reduced to what an error redirect needs, if its redirect_uri can be trusted. */
	private OAuth2AuthorizationCodeRequestAuthenticationToken trustedRedirect(HttpServletRequest request) {
		if (!HttpMethod.GET.matches(request.getMethod())) {
			return null;
		}
		Map<String, String[]> parameters = request.getParameterMap();
		String clientId = single(parameters, OAuth2ParameterNames.CLIENT_ID);
		String redirectUri = single(parameters, OAuth2ParameterNames.REDIRECT_URI);
		if (clientId == null || redirectUri == null) {
			return null;
		}
		RegisteredClient client = this.clients.findByClientId(clientId);
		if (client == null) {
			return null;
		}
		Authentication principal = SecurityContextHolder.getContext().getAuthentication();
		OAuth2AuthorizationCodeRequestAuthenticationToken target = new OAuth2AuthorizationCodeRequestAuthenticationToken(
				request.getRequestURL().toString(), clientId, (principal != null) ? principal : ANONYMOUS, redirectUri,
				single(parameters, OAuth2ParameterNames.STATE), null, null);
		try {
			this.redirectUris.accept(
					OAuth2AuthorizationCodeRequestAuthenticationContext.with(target).registeredClient(client).build());
		}
		catch (OAuth2AuthenticationException ex) {
			return null;
		}
		return target;
	}

	private static String single(Map<String, String[]> parameters, String name) {
		String[] values = parameters.get(name);
		return (values != null && values.length == 1 && !values[0].isEmpty()) ? values[0] : null;
	}

}
