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
 * Public clients (a browser app, a TV; {@code none} as their authentication method) where no PKCE
 * verifier proves them: using a refresh token (OAuth 2.0 for Browser-Based Applications, section
 * 6.1.3.2) and in the device flow (RFC 8628: the device authorization request and the device code
 * grant). Each names itself by {@code client_id} and has no secret to prove it; Spring's
 * public-client authentication only covers the code exchange with a PKCE verifier, so without this
 * they got 401 {@code invalid_client}. The client must be registered public and for that grant.
 *
 * <p>What protects a public client's refresh token instead: it is rotated on every use, a rotated
 * one presented again revokes its whole family, and public clients' families end sooner
 * ({@code idp.tokens.public-client-refresh-token-ttl}). The refresh grant itself refuses a token
 * issued to another client ({@code invalid_grant}). A device code is bound to its client and to
 * the user's approval.
 */
public final class PublicClients {

	/** What the converter records, for the provider: the grant the client must be registered for. */
	private static final String GRANT = "grant";

	private PublicClients() {
	}

	/**
	 * A refresh or device code token request, or a device authorization request (to
	 * {@code deviceAuthorizationEndpoint}), with a {@code client_id} and no other client
	 * authentication (no Authorization header, secret or assertion); null for anything else.
	 */
	public static AuthenticationConverter converter(String deviceAuthorizationEndpoint) {
		return request -> convert(request, deviceAuthorizationEndpoint);
	}

	/**
	 * Spring's public-client provider, kept to the requests it is for (a code exchange with a PKCE
	 * verifier): a request {@link #converter} made is this class's to answer, so its refusal
	 * ({@code invalid_client}) is not replaced by Spring's "code_verifier" one.
	 */
	public static AuthenticationProvider pkceOnly(AuthenticationProvider springPublicClients) {
		return new AuthenticationProvider() {

			@Override
			public Authentication authenticate(Authentication authentication) {
				return (authentication instanceof OAuth2ClientAuthenticationToken token
						&& token.getAdditionalParameters().containsKey(GRANT)) ? null
								: springPublicClients.authenticate(authentication);
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return springPublicClients.supports(authentication);
			}

		};
	}

	/** Authenticates what {@link #converter} produced, for a registered public client with that grant. */
	public static AuthenticationProvider provider(RegisteredClientRepository clients) {
		return new Provider(clients);
	}

	private static Authentication convert(HttpServletRequest request, String deviceAuthorizationEndpoint) {
		String grantType = request.getParameter(OAuth2ParameterNames.GRANT_TYPE);
		String grant = deviceAuthorizationEndpoint.equals(request.getServletPath())
				? AuthorizationGrantType.DEVICE_CODE.getValue()
				: (AuthorizationGrantType.REFRESH_TOKEN.getValue().equals(grantType)
						|| AuthorizationGrantType.DEVICE_CODE.getValue().equals(grantType)) ? grantType : null;
		if (!HttpMethod.POST.matches(request.getMethod()) || grant == null
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
				Map.of(GRANT, grant));
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
					|| !(request.getAdditionalParameters().get(GRANT) instanceof String grant)) {
				return null;
			}
			RegisteredClient client = this.clients.findByClientId(String.valueOf(request.getPrincipal()));
			if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
					|| !client.getAuthorizationGrantTypes().contains(new AuthorizationGrantType(grant))) {
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
