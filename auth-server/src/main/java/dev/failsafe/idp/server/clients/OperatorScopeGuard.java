package dev.failsafe.idp.server.clients;

import dev.failsafe.idp.server.operators.OperatorClients;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Serves registered clients so that only an operator ({@link OperatorClients#isOperator}) holds
 * the {@value OperatorClients#ADMIN_SCOPE} scope, whatever a row of the directory says: for any
 * other client the scope is dropped on read. So the authorization and token endpoints, which check
 * a requested scope against the client's, refuse {@code admin} with {@code invalid_scope} to a
 * client a row marks wrongly (a row edited by hand, restored from an old backup).
 */
public final class OperatorScopeGuard implements RegisteredClientRepository {

	private final RegisteredClientRepository delegate;

	public OperatorScopeGuard(RegisteredClientRepository delegate) {
		this.delegate = delegate;
	}

	@Override
	public void save(RegisteredClient client) {
		this.delegate.save(client);
	}

	@Override
	public RegisteredClient findById(String id) {
		return guarded(this.delegate.findById(id));
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return guarded(this.delegate.findByClientId(clientId));
	}

	private static RegisteredClient guarded(RegisteredClient client) {
		if (client == null || !client.getScopes().contains(OperatorClients.ADMIN_SCOPE)
				|| OperatorClients.isOperator(client)) {
			return client;
		}
		return RegisteredClient.from(client).scopes(scopes -> scopes.remove(OperatorClients.ADMIN_SCOPE)).build();
	}

}
