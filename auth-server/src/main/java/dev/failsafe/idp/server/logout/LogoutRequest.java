package dev.failsafe.idp.server.logout;

import java.io.Serial;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * An RP-initiated logout request (OpenID Connect RP-Initiated Logout 1.0 section 2): as received
 * ({@link #received}; every parameter optional, {@code id_token_hint} included), then as validated
 * ({@link #validated}: the hint's signature checked, the client known, the post-logout redirect URI
 * registered).
 */
final class LogoutRequest extends AbstractAuthenticationToken {

	@Serial
	private static final long serialVersionUID = 1L;

	private final Authentication user;

	private final String idTokenHint;

	private final String clientId;

	private final String postLogoutRedirectUri;

	private final String state;

	private final transient Jwt idToken;

	private final transient RegisteredClient client;

	private final String redirectUri;

	private LogoutRequest(Authentication user, String idTokenHint, String clientId, String postLogoutRedirectUri,
			String state, Jwt idToken, RegisteredClient client, String redirectUri, boolean validated) {
		super(List.of());
		this.user = user;
		this.idTokenHint = idTokenHint;
		this.clientId = clientId;
		this.postLogoutRedirectUri = postLogoutRedirectUri;
		this.state = state;
		this.idToken = idToken;
		this.client = client;
		this.redirectUri = redirectUri;
		setAuthenticated(validated);
	}

	/** A request as sent; null for each parameter left out. */
	static LogoutRequest received(Authentication user, String idTokenHint, String clientId,
			String postLogoutRedirectUri, String state) {
		return new LogoutRequest(user, idTokenHint, clientId, postLogoutRedirectUri, state, null, null, null, false);
	}

	/**
	 * This request once validated.
	 * @param verifiedIdToken the hint, verified, or null without one
	 * @param knownClient the relying party, or null when the request names none
	 * @param verifiedRedirectUri where to send the user afterwards (a registered URI, and only with a
	 * verified hint), or null
	 */
	LogoutRequest validated(Jwt verifiedIdToken, RegisteredClient knownClient, String verifiedRedirectUri) {
		return new LogoutRequest(this.user, this.idTokenHint, this.clientId, this.postLogoutRedirectUri, this.state,
				verifiedIdToken, knownClient, verifiedRedirectUri, true);
	}

	/** The user the request came with (anonymous when not signed in). */
	@Override
	public Authentication getPrincipal() {
		return this.user;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	/** Whether a user is signed in at the provider in the browser that sent the request. */
	boolean userSignedIn() {
		return !(this.user instanceof AnonymousAuthenticationToken) && this.user.isAuthenticated();
	}

	String idTokenHint() {
		return this.idTokenHint;
	}

	String clientId() {
		return this.clientId;
	}

	String postLogoutRedirectUri() {
		return this.postLogoutRedirectUri;
	}

	String state() {
		return this.state;
	}

	/** The verified hint, or null. */
	Jwt idToken() {
		return this.idToken;
	}

	/** The relying party, or null. */
	RegisteredClient client() {
		return this.client;
	}

	/** The validated post-logout redirect URI, or null: then the user stays on our signed-out page. */
	String redirectUri() {
		return this.redirectUri;
	}

}
