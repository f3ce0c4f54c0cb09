package dev.failsafe.idp.server.tokens;

import dev.failsafe.idp.server.users.UserAccount;
import dev.failsafe.idp.server.users.UserDirectory;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Issues a user's tokens only while the user exists and is enabled: the code, refresh and device
 * code grants ask the directory before their access token is signed, and refuse with
 * {@code invalid_grant} (nothing is stored then, so the code or token is not spent). So a refresh
 * token, or a device code approved before the user's deletion or disabling, gets nothing, even if
 * the revocation that went with it did not reach it (RFC 6749 section 5.2, RFC 8628 section 3.5).
 */
final class ActiveUsersOnly implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final UserDirectory users;

	ActiveUsersOnly(UserDirectory users) {
		this.users = users;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		AuthorizationGrantType grant = context.getAuthorizationGrantType();
		boolean userGrant = AuthorizationGrantType.AUTHORIZATION_CODE.equals(grant)
				|| AuthorizationGrantType.REFRESH_TOKEN.equals(grant) || AuthorizationGrantType.DEVICE_CODE.equals(grant);
		// Every user grant signs an access token first: one directory read per grant.
		if (!userGrant || !OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		boolean active = this.users.find(context.getPrincipal().getName()).map(UserAccount::enabled).orElse(false);
		if (!active) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
					"The user of this grant no longer exists or is disabled.", null));
		}
	}

}
