package dev.failsafe.idp.server.authorizations;

import java.security.Principal;
import java.util.Optional;

import dev.failsafe.idp.server.sessions.SessionIds;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;

/**
 * What a save of an authorization by the authorization server does, told from the tokens it holds:
 * a value is known only for a token made or presented by this request (a stored one is a
 * placeholder).
 */
final class AuthorizationSave {

	private AuthorizationSave() {
	}

	/** A code redeemed for tokens. */
	static boolean redeemsCode(OAuth2Authorization authorization) {
		return issuesTokens(authorization) && codePresented(authorization);
	}

	/** A refresh token rotated: new tokens, and no code presented. */
	private static boolean refreshes(OAuth2Authorization authorization) {
		return issuesTokens(authorization) && !codePresented(authorization);
	}

	/**
	 * The sid of the browser session whose authorization a refresh uses (the relying party uses what
	 * the session issued); empty for any other save.
	 */
	static Optional<String> refreshedSession(OAuth2Authorization authorization) {
		return refreshes(authorization)
				? SessionIds.of(authorization.<Authentication>getAttribute(Principal.class.getName()))
				: Optional.empty();
	}

	/**
	 * The code grant's answer to a replayed code: the presented code is already invalidated, and no
	 * new access token comes with it.
	 */
	static boolean revokesForReplayedCode(OAuth2Authorization authorization) {
		return codePresented(authorization)
				&& authorization.getToken(OAuth2AuthorizationCode.class).isInvalidated() && !issuesTokens(authorization);
	}

	/** It holds an access token whose value is known, so it was just made. */
	private static boolean issuesTokens(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
		return access != null && !access.isInvalidated()
				&& !TokenHash.isPlaceholder(access.getToken().getTokenValue());
	}

	/** The code's value is known, since it was presented now. */
	private static boolean codePresented(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
		return code != null && !TokenHash.isPlaceholder(code.getToken().getTokenValue());
	}

}
