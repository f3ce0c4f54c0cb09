package dev.failsafe.idp.server.users;

import java.util.function.Function;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;

/**
 * Answers the userinfo endpoint from the directory as it is now (not from the ID token issued at
 * login), releasing only the claims the access token's scopes allow.
 */
final class DirectoryUserInfoMapper implements Function<OidcUserInfoAuthenticationContext, OidcUserInfo> {

	private final UserDirectory users;

	DirectoryUserInfoMapper(UserDirectory users) {
		this.users = users;
	}

	@Override
	public OidcUserInfo apply(OidcUserInfoAuthenticationContext context) {
		String username = context.getAuthorization().getPrincipalName();
		UserAccount user = this.users.find(username)
			.filter(UserAccount::enabled)
			.orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
					"The user of this token no longer exists.", null)));
		return new OidcUserInfo(ScopedClaims.of(user, context.getAccessToken().getScopes()));
	}

}
