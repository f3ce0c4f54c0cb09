package dev.failsafe.idp.server.clients;

import dev.failsafe.idp.server.tokens.TokenProperties;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Serves registered clients with the token policy of this deployment laid over what the database
 * holds: lifetimes from {@link TokenProperties} (a public client's refresh tokens their own, shorter
 * one), self-contained (JWT) access tokens and refresh
 * token rotation, whatever a client row says. A client keeps only its choice of signing algorithm.
 * So changing a lifetime is one setting, and key retention (derived from the same settings) always
 * covers every token issued.
 */
public final class ConfiguredLifetimesClientRepository implements RegisteredClientRepository {

	private final RegisteredClientRepository delegate;

	private final TokenProperties tokens;

	public ConfiguredLifetimesClientRepository(RegisteredClientRepository delegate, TokenProperties tokens) {
		this.delegate = delegate;
		this.tokens = tokens;
	}

	@Override
	public void save(RegisteredClient client) {
		this.delegate.save(withPolicy(client));
	}

	@Override
	public RegisteredClient findById(String id) {
		return withPolicy(this.delegate.findById(id));
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return withPolicy(this.delegate.findByClientId(clientId));
	}

	/** A client that authenticates with nothing but its id (a browser or native app). */
	private static boolean isPublic(RegisteredClient client) {
		return client.getClientAuthenticationMethods().equals(java.util.Set.of(ClientAuthenticationMethod.NONE));
	}

	private RegisteredClient withPolicy(RegisteredClient client) {
		if (client == null) {
			return null;
		}
		TokenSettings settings = TokenSettings.withSettings(client.getTokenSettings().getSettings())
			.accessTokenTimeToLive(this.tokens.accessTokenTtl())
			.idTokenSignatureAlgorithm(client.getTokenSettings().getIdTokenSignatureAlgorithm())
			.refreshTokenTimeToLive(isPublic(client) ? this.tokens.publicClientRefreshTokenTtl()
					: this.tokens.refreshTokenTtl())
			.authorizationCodeTimeToLive(this.tokens.authorizationCodeTtl())
			.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
			.reuseRefreshTokens(false)
			.build();
		return RegisteredClient.from(client).tokenSettings(settings).build();
	}

}
