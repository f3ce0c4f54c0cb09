package dev.failsafe.idp.server.testing;

import java.util.UUID;

import dev.failsafe.idp.server.clients.Sha256SecretEncoder;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Registered clients for tests that must write a row directly (one no registration rule would let
 * through, say): a confidential client with its own secret, to finish with grants and scopes.
 */
public final class TestClients {

	private TestClients() {
	}

	/**
	 * A confidential client ({@code client_secret_basic}) whose secret is {@link #secretOf}; secrets
	 * differ per client, since the directory refuses two clients with one secret hash.
	 */
	public static RegisteredClient.Builder confidential(String clientId) {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientName(clientId)
			.clientSecret("{sha256}" + new Sha256SecretEncoder().encode(secretOf(clientId)))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
	}

	/** The secret of a client made by {@link #confidential}. */
	public static String secretOf(String clientId) {
		return clientId + "-secret";
	}

}
