package dev.failsafe.idp.server.authorize;

import dev.failsafe.idp.server.web.ProtocolErrors;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** Request objects ({@code request}, RFC 9101; OIDC Core section 6.1). */
public final class RequestObjects {

	/** The request's parameters with the request object's claims merged over them. */
	AuthorizationParameters merge(AuthorizationParameters parameters, RegisteredClient client) {
		throw new AuthorizationRequestResolver.RefusedRequest(ProtocolErrors.requestNotSupported());
	}

}
