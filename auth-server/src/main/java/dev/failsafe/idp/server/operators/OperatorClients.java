package dev.failsafe.idp.server.operators;

import java.util.Set;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Who may hold the {@value #ADMIN_SCOPE} scope: only an operator client, that is a confidential
 * client marked {@value #SETTING} whose only grant is client_credentials. No flow a user takes
 * (authorization_code, refresh_token) can therefore ever carry admin power.
 *
 * <p>The mark is a client setting stored with the registration ({@code client_settings}); rows
 * written before it existed are upgraded by the Flyway migration {@code clients.V3__Operator_clients}.
 * A leaf of shared vocabulary: the clients, the token customizer and the admin API all ask it.
 */
public final class OperatorClients {

	/** The scope that opens the admin API. */
	public static final String ADMIN_SCOPE = "admin";

	/** The client setting that marks an operator client (a Boolean). */
	public static final String SETTING = "dev.failsafe.idp.operator";

	private static final Set<AuthorizationGrantType> OPERATOR_GRANTS = Set.of(AuthorizationGrantType.CLIENT_CREDENTIALS);

	private OperatorClients() {
	}

	/** Whether {@code client} is an operator: marked, confidential, and client_credentials only. */
	public static boolean isOperator(RegisteredClient client) {
		return Boolean.TRUE.equals(client.getClientSettings().getSetting(SETTING))
				&& client.getAuthorizationGrantTypes().equals(OPERATOR_GRANTS)
				&& !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE);
	}

}
