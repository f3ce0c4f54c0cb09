package dev.failsafe.idp.server.clients;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What an operator asks for when registering or updating a client; validated as a whole by
 * {@link ClientSpecRules} (so list elements are kept as sent, nulls included, for it to name).
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
 * @param operator whether the client is an operator, the only kind that may hold the admin scope
 * @param applicationType {@code web} or {@code native} (OIDC Registration's {@code application_type}); null is web
 * @param backchannelLogoutUri where the client receives logout tokens (OIDC Back-Channel Logout 1.0
 * section 2.2, {@code backchannel_logout_uri}), or null for none
 * @param backchannelLogoutSessionRequired whether the client needs {@code sid} in its logout tokens
 * ({@code backchannel_logout_session_required}; every logout token carries it)
 */
public record ClientSpec(String clientId, String clientName, boolean confidential, List<String> grantTypes,
		List<String> redirectUris, List<String> postLogoutRedirectUris, List<String> scopes, boolean requireConsent,
		String signingAlgorithm, boolean operator, String applicationType, String backchannelLogoutUri,
		boolean backchannelLogoutSessionRequired) {

	public ClientSpec {
		grantTypes = copy(grantTypes);
		redirectUris = copy(redirectUris);
		postLogoutRedirectUris = copy(postLogoutRedirectUris);
		scopes = copy(scopes);
	}

	/** A client without back-channel logout. */
	public ClientSpec(String clientId, String clientName, boolean confidential, List<String> grantTypes,
			List<String> redirectUris, List<String> postLogoutRedirectUris, List<String> scopes, boolean requireConsent,
			String signingAlgorithm, boolean operator, String applicationType) {
		this(clientId, clientName, confidential, grantTypes, redirectUris, postLogoutRedirectUris, scopes,
				requireConsent, signingAlgorithm, operator, applicationType, null, false);
	}

	private static List<String> copy(List<String> values) {
		return (values != null) ? Collections.unmodifiableList(new ArrayList<>(values)) : List.of();
	}

}
