package dev.failsafe.idp.server.authorizations;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/** Which of an authorization's tokens a lookup by value and type ({@code findByToken}) names. */
final class TokenMatch {

	private TokenMatch() {
	}

	/**
	 * Whether {@code token} is one of the authorization's tokens of {@code tokenType}. Without a type
	 * (introspection and revocation, whose hint Spring ignores) only an issued token matches, never
	 * the consent {@code state}: that is a correlation value of the pending authorization, which the
	 * endpoints would then look up as a token that does not exist.
	 */
	static boolean matches(OAuth2Authorization authorization, String token, OAuth2TokenType tokenType) {
		if (tokenType == null) {
			return authorization.getToken(token) != null;
		}
		String type = tokenType.getValue();
		if (OAuth2ParameterNames.STATE.equals(type)) {
			return token.equals(authorization.getAttribute(OAuth2ParameterNames.STATE));
		}
		Class<? extends OAuth2Token> expected = switch (type) {
			case OAuth2ParameterNames.CODE -> OAuth2AuthorizationCode.class;
			case OAuth2ParameterNames.ACCESS_TOKEN -> OAuth2AccessToken.class;
			case OAuth2ParameterNames.REFRESH_TOKEN -> OAuth2RefreshToken.class;
			case OidcParameterNames.ID_TOKEN -> OidcIdToken.class;
			case OAuth2ParameterNames.DEVICE_CODE -> OAuth2DeviceCode.class;
			case OAuth2ParameterNames.USER_CODE -> OAuth2UserCode.class;
			default -> null;
		};
		if (expected == null) {
			return false;
		}
		OAuth2Authorization.Token<? extends OAuth2Token> match = authorization.getToken(expected);
		return match != null && match.getToken().getTokenValue().equals(token);
	}

}
