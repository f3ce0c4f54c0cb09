package dev.failsafe.idp.server.authorizations;

import java.security.Principal;
import java.time.Instant;
import java.util.Date;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.failsafe.idp.server.sessions.SessionIds;
import dev.failsafe.idp.server.sessions.SignInTime;

/**
 * Records in an authorization whose OpenID Connect code was just issued the login session that
 * approved it, under the attribute {@link SignInTime#AUTHORIZATION_ATTRIBUTE} ({@code SessionInformation}'s
 * class name): the principal, the browser session's OpenID Connect session id ({@link SessionIds}, the ID token's
 * {@code sid}), and as last request the time of the sign-in (the latest factor's issue time, else
 * the session's last access), the ID token's {@code auth_time} ({@link SignInTime#recordedIn}).
 *
 * <p>The code exchange then reads both from the authorization it has anyway. Without this, Spring's
 * code grant read every session of the user from the session store at each exchange
 * ({@code SpringSessionBackedSessionRegistry.getAllSessions}) and picked the latest, which need not be
 * the one that approved the code.
 */
final class LoginSessionBinding {

	private LoginSessionBinding() {
	}

	/**
	 * {@code authorization} with the current request's login session recorded, if it holds a code
	 * issued now for an OpenID Connect request and none is recorded yet; else as it is.
	 */
	static OAuth2Authorization bind(OAuth2Authorization authorization) {
		if (authorization.getAttribute(SignInTime.AUTHORIZATION_ATTRIBUTE) != null || !issuesOpenIdCode(authorization)) {
			return authorization;
		}
		HttpSession session = currentSession();
		if (session == null) {
			return authorization;
		}
		Authentication user = authorization.getAttribute(Principal.class.getName());
		Instant signedIn = SignInTime.of(user);
		Date authTime = Date.from((signedIn != null) ? signedIn : Instant.ofEpochMilli(session.getLastAccessedTime()));
		String sid = SessionIds.of(user).orElseGet(() -> TokenHash.ofPresented(session.getId()));
		return OAuth2Authorization.from(authorization)
			.attribute(SignInTime.AUTHORIZATION_ATTRIBUTE,
					new SessionInformation(authorization.getPrincipalName(), sid, authTime))
			.build();
	}

	private static boolean issuesOpenIdCode(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
		OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
		return code != null && !code.isInvalidated() && !TokenHash.isPlaceholder(code.getToken().getTokenValue())
				&& request != null && request.getScopes().contains(OidcScopes.OPENID);
	}

	private static HttpSession currentSession() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return (attributes instanceof ServletRequestAttributes servlet) ? servlet.getRequest().getSession(false) : null;
	}

}
