package dev.failsafe.idp.server.clients;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A public client (a browser app, {@code none} as its authentication method) using its refresh
 * token: it names itself by {@code client_id} and has no secret to prove it (OAuth 2.0 for
 * Browser-Based Applications, section 6.1.3.2). Spring's public-client authentication only covers
 * the code exchange with a PKCE verifier, so without this the refresh got 401 {@code invalid_client}.
 *
 * <p>What protects the token instead: it is rotated on every use, a rotated one presented again
 * revokes its whole family, and public clients' families end sooner
 * ({@code idp.tokens.public-client-refresh-token-ttl}). The refresh grant itself refuses a token
 * issued to another client ({@code invalid_grant}).
 */
public final class PublicClientRefresh {

	private PublicClientRefresh() {
	}

	/**
	 * A token request {@code grant_type=refresh_token} with a {@code client_id} and no other client
	 * authentication (no Authorization header, secret or assertion); null for anything else.
	 */
	public static AuthenticationConverter converter() {
		return PublicClientRefresh::convert;
	}

	/** Authenticates what {@link #converter()} produced, for a registered public client with the refresh grant. */
	public static AuthenticationProvider provider(RegisteredClientRepository clients) {
		return new Provider(clients);
	}

	private static Authentication convert(HttpServletRequest request) {
		if (!HttpMethod.POST.matches(request.getMethod())
				|| !AuthorizationGrantType.REFRESH_TOKEN.getValue().equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
				|| request.getHeader(HttpHeaders.AUTHORIZATION) != null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
			return null;
		}
		String[] clientId = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
		if (clientId == null) {
			return null;
		}
		if (clientId.length != 1 || clientId[0].isEmpty()) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
		}
		return new OAuth2ClientAuthenticationToken(clientId[0], ClientAuthenticationMethod.NONE, null,
				Map.of(OAuth2ParameterNames.GRANT_TYPE, AuthorizationGrantType.REFRESH_TOKEN.getValue()));
	}

	private static final class Provider implements AuthenticationProvider {

		private final RegisteredClientRepository clients;

		Provider(RegisteredClientRepository clients) {
			this.clients = clients;
		}

		@Override
		public Authentication authenticate(Authentication authentication) {
			OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
			if (!ClientAuthenticationMethod.NONE.equals(request.getClientAuthenticationMethod())
					|| !AuthorizationGrantType.REFRESH_TOKEN.getValue()
						.equals(request.getAdditionalParameters().get(OAuth2ParameterNames.GRANT_TYPE))) {
				return null;
			}
			RegisteredClient client = this.clients.findByClientId(String.valueOf(request.getPrincipal()));
			if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
					|| !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
				throw new OAuth2AuthenticationException(
						new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication failed.", null));
			}
			return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
		}

	}

}
