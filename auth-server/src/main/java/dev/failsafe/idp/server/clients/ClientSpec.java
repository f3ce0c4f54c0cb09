package dev.failsafe.idp.server.clients;

import java.util.List;

/**
 * What an operator asks for when registering or updating a client; validated by
 * {@link ClientRegistrations}.
 *
 * @param clientId the client's id (letters, digits, {@code . _ -}; at most 100)
 * @param clientName the name shown on the login and consent pages
 * @param confidential whether the client holds a secret; public clients always use PKCE
 * @param grantTypes {@code authorization_code}, {@code refresh_token}, {@code client_credentials}
 * @param redirectUris exact redirect URIs (absolute, no fragment)
 * @param postLogoutRedirectUris exact post-logout redirect URIs
 * @param scopes the scopes the client may ask for
 * @param requireConsent whether users must consent
 * @param signingAlgorithm {@code RS256} or {@code ES256} for its ID and access tokens
 */
public record ClientSpec(String clientId, String clientName, boolean confidential, List<String> grantTypes,
		List<String> redirectUris, List<String> postLogoutRedirectUris, List<String> scopes, boolean requireConsent,
		String signingAlgorithm) {

	public ClientSpec {
		grantTypes = (grantTypes != null) ? List.copyOf(grantTypes) : List.of();
		redirectUris = (redirectUris != null) ? List.copyOf(redirectUris) : List.of();
		postLogoutRedirectUris = (postLogoutRedirectUris != null) ? List.copyOf(postLogoutRedirectUris) : List.of();
		scopes = (scopes != null) ? List.copyOf(scopes) : List.of();
	}

}
