package dev.failsafe.idp.server.clients;

import java.util.Optional;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/** Finds the display name of a client for the pages, tolerating ids that match nothing. */
@Component
public final class ClientNames {

	private static final int MAX_CLIENT_ID_LENGTH = 100;

	private final RegisteredClientRepository clients;

	ClientNames(RegisteredClientRepository clients) {
		this.clients = clients;
	}

	public Optional<String> nameOf(String clientId) {
		if (clientId == null || clientId.isBlank() || clientId.length() > MAX_CLIENT_ID_LENGTH) {
			return Optional.empty();
		}
		return Optional.ofNullable(this.clients.findByClientId(clientId)).map(RegisteredClient::getClientName);
	}

}
