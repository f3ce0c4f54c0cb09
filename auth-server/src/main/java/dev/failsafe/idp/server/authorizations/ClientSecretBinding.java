package dev.failsafe.idp.server.authorizations;

import java.util.Objects;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Binds a client_credentials authorization (the one behind an operator's admin token) to the
 * client secret it was issued under, so that rotating the secret ends the tokens issued before.
 * What is kept is the attribute {@value #ATTRIBUTE}: the {@link TokenHash} of the client's stored
 * secret hash (a hash of a hash of 256 random bits: it tells nothing about the secret). Comparing
 * values rather than times needs no clock agreement between nodes.
 */
final class ClientSecretBinding {

	/** The authorization attribute holding the fingerprint of the secret it was issued under. */
	static final String ATTRIBUTE = "dev.failsafe.idp.client-secret";

	private ClientSecretBinding() {
	}

	/** Whether a new authorization of this grant type gets bound. */
	static boolean applies(OAuth2Authorization authorization) {
		return AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType());
	}

	/** {@code authorization} bound to {@code client}'s current secret. */
	static OAuth2Authorization bind(OAuth2Authorization authorization, RegisteredClient client) {
		return OAuth2Authorization.from(authorization).attribute(ATTRIBUTE, fingerprint(client)).build();
	}

	/** Whether {@code authorization} was issued under {@code client}'s current secret. */
	static boolean isCurrent(OAuth2Authorization authorization, RegisteredClient client) {
		String bound = authorization.getAttribute(ATTRIBUTE);
		return bound != null && bound.equals(fingerprint(client));
	}

	private static String fingerprint(RegisteredClient client) {
		return TokenHash.ofPresented(Objects.toString(client.getClientSecret(), ""));
	}

}
