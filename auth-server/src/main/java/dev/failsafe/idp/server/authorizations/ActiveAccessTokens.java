package dev.failsafe.idp.server.authorizations;

import java.util.Optional;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Whether the authorization server still knows a client_credentials access token as active, as
 * introspection would: recorded in the authorization store, not revoked, not expired, its client
 * still registered, and that client's secret the one it was issued under. A signature alone says
 * none of this; the admin API asks here on every call.
 */
public final class ActiveAccessTokens {

	private final StoredAuthorizationService authorizations;

	private final RegisteredClientRepository clients;

	public ActiveAccessTokens(StoredAuthorizationService authorizations, RegisteredClientRepository clients) {
		this.authorizations = authorizations;
		this.clients = clients;
	}

	/** The client of {@code accessToken} if the token is active in that sense; empty otherwise. */
	public Optional<RegisteredClient> clientOf(String accessToken) {
		OAuth2Authorization authorization = this.authorizations.findByToken(accessToken, OAuth2TokenType.ACCESS_TOKEN);
		if (authorization == null || !ClientSecretBinding.applies(authorization)) {
			return Optional.empty();
		}
		OAuth2Authorization.Token<OAuth2AccessToken> token = authorization.getAccessToken();
		if (token == null || !token.isActive()) {
			return Optional.empty();
		}
		return Optional.ofNullable(this.clients.findById(authorization.getRegisteredClientId()))
			.filter(client -> ClientSecretBinding.isCurrent(authorization, client));
	}

}
