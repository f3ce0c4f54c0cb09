package dev.failsafe.idp.server.logout;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * The RP-initiated logout endpoint's protocol errors, built in one place: shown on our error page,
 * never sent to a redirect URI (OpenID Connect RP-Initiated Logout 1.0 section 4: the OP must not
 * redirect to an unverified URI).
 */
final class LogoutErrors {

	private static final String SPEC = "https://openid.net/specs/openid-connect-rpinitiated-1_0.html#ValidationAndErrorHandling";

	private LogoutErrors() {
	}

	/** The {@code id_token_hint} is not an ID token this provider signed. */
	static OAuth2AuthenticationException invalidIdTokenHint() {
		return refused(OAuth2ErrorCodes.INVALID_TOKEN,
				"OpenID Connect 1.0 Logout Request Parameter: id_token_hint is not an ID token this provider issued.");
	}

	/** The hint names another user than the one signed in. */
	static OAuth2AuthenticationException otherUser() {
		return refused(OAuth2ErrorCodes.INVALID_TOKEN,
				"OpenID Connect 1.0 Logout Request Parameter: id_token_hint names another user (sub) than the one "
						+ "signed in.");
	}

	/** {@code client_id} names no client, or not the one the hint was issued to. */
	static OAuth2AuthenticationException clientMismatch() {
		return refused(OAuth2ErrorCodes.INVALID_REQUEST,
				"OpenID Connect 1.0 Logout Request Parameter: client_id is unknown or not the audience of "
						+ "id_token_hint.");
	}

	/** The {@code post_logout_redirect_uri} is not one the client registered. */
	static OAuth2AuthenticationException redirectUriNotRegistered() {
		return refused(OAuth2ErrorCodes.INVALID_REQUEST,
				"OpenID Connect 1.0 Logout Request Parameter: post_logout_redirect_uri does not exactly match a "
						+ "registered post-logout redirect URI of the client.");
	}

	/** A parameter sent more than once. */
	static OAuth2AuthenticationException repeated(String name) {
		return refused(OAuth2ErrorCodes.INVALID_REQUEST,
				"OpenID Connect 1.0 Logout Request Parameter: " + name + " is repeated; send it once.");
	}

	private static OAuth2AuthenticationException refused(String code, String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(code, description, SPEC));
	}

}
