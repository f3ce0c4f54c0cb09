package dev.failsafe.idp.server.logout;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Validates an RP-initiated logout request (OpenID Connect RP-Initiated Logout 1.0 sections 2 and 3).
 *
 * <ul>
 * <li>{@code id_token_hint}, if sent, must be an ID token this provider signed ({@link IdTokenHints});
 * if a user is signed in, one issued to that user.</li>
 * <li>The relying party is {@code client_id}, or else the hint's audience; with both, the hint must
 * have been issued to {@code client_id}.</li>
 * <li>{@code post_logout_redirect_uri} must exactly match one the relying party registered, and is
 * used only with a verified hint: without one, nothing proves the request came from that relying
 * party, so the user signs out and stays on our signed-out page (the conformance plans'
 * {@code -no-id-token-hint} case).</li>
 * </ul>
 * A broken rule is an error page (the logout endpoint's error handler), never a redirect.
 */
final class LogoutRequestValidator implements AuthenticationProvider {

	private final IdTokenHints hints;

	private final RegisteredClientRepository clients;

	LogoutRequestValidator(IdTokenHints hints, RegisteredClientRepository clients) {
		this.hints = hints;
		this.clients = clients;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		LogoutRequest request = (LogoutRequest) authentication;
		Jwt idToken = (request.idTokenHint() != null) ? this.hints.verify(request.idTokenHint()) : null;
		if (idToken != null && request.userSignedIn() && !idToken.getSubject().equals(request.getPrincipal().getName())) {
			throw LogoutErrors.otherUser();
		}
		RegisteredClient client = client(request, idToken);
		String redirectUri = null;
		if (request.postLogoutRedirectUri() != null && client != null) {
			if (!client.getPostLogoutRedirectUris().contains(request.postLogoutRedirectUri())) {
				throw LogoutErrors.redirectUriNotRegistered();
			}
			redirectUri = (idToken != null) ? request.postLogoutRedirectUri() : null;
		}
		return request.validated(idToken, client, redirectUri);
	}

	private RegisteredClient client(LogoutRequest request, Jwt idToken) {
		String clientId = request.clientId();
		if (clientId != null) {
			RegisteredClient client = (clientId.length() <= 100) ? this.clients.findByClientId(clientId) : null;
			if (client == null || (idToken != null && !idToken.getAudience().contains(clientId))) {
				throw LogoutErrors.clientMismatch();
			}
			return client;
		}
		if (idToken == null) {
			return null;
		}
		RegisteredClient client = this.clients.findByClientId(idToken.getAudience().get(0));
		if (client == null) {
			throw LogoutErrors.invalidIdTokenHint();
		}
		return client;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return LogoutRequest.class.isAssignableFrom(authentication);
	}

}
