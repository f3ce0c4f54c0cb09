package dev.failsafe.idp.server.tokens;

import dev.failsafe.idp.server.operators.OperatorClients;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The last word before an access token is signed: one granting {@value OperatorClients#ADMIN_SCOPE}
 * is issued only to an operator client by client_credentials. Anything else is refused with
 * {@code invalid_scope}, nothing signed or stored, whatever the client's row or a stored
 * authorization says (an authorization from before the rule, carrying admin for a code-flow client,
 * refreshes only with a narrower {@code scope}).
 */
final class OperatorOnlyAdminScope implements OAuth2TokenCustomizer<JwtEncodingContext> {

	/** Built here: the protocol errors' class lives in a package that imports this one. */
	private static final OAuth2Error ADMIN_SCOPE_REFUSED = new OAuth2Error(OAuth2ErrorCodes.INVALID_SCOPE,
			"OAuth 2.0 Parameter: scope. The admin scope is granted only to operator clients, by client_credentials.",
			"https://datatracker.ietf.org/doc/html/rfc6749#section-5.2");

	@Override
	public void customize(JwtEncodingContext context) {
		if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
				&& context.getAuthorizedScopes().contains(OperatorClients.ADMIN_SCOPE)
				&& !(AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
						&& OperatorClients.isOperator(context.getRegisteredClient()))) {
			throw new OAuth2AuthenticationException(ADMIN_SCOPE_REFUSED);
		}
	}

}
