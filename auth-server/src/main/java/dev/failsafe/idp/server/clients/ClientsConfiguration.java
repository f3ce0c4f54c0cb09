package dev.failsafe.idp.server.clients;

import java.time.Clock;
import java.util.Map;

import dev.failsafe.idp.server.security.AuthorizationServerCustomizer;
import dev.failsafe.idp.server.tokens.TokenProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Registered clients in the JDBC directory (back-channel logout registrations in columns of their
 * own, admin scope for operators only, this deployment's token policy, a short cache), and how their
 * secrets are hashed.
 */
@Configuration(proxyBeanMethods = false)
class ClientsConfiguration {

	/** The directory's clients with this deployment's token policy, cached (every token request reads one). */
	@Bean
	CachingClientRepository registeredClientRepository(JdbcOperations jdbc, TokenProperties tokens,
			ClientCacheProperties cache, Clock clock, ObjectProvider<TransactionOperations> transactions) {
		RegisteredClientRepository directory = new BackChannelLogoutColumns(new JdbcRegisteredClientRepository(jdbc),
				jdbc, transactions.getIfAvailable(TransactionOperations::withoutTransaction));
		return new CachingClientRepository(
				new OperatorScopeGuard(new ConfiguredLifetimesClientRepository(directory, tokens)), cache, clock);
	}

	@Bean
	ClientRegistrations clientRegistrations(CachingClientRepository clients, JdbcOperations jdbc,
			ClientSecretEncoder secrets, UserDetailsService users) {
		return new ClientRegistrations(clients, jdbc, secrets, clients::evict, username -> isUser(users, username));
	}

	/**
	 * Rows written before operators existed: marks the client_credentials clients holding admin as
	 * operators, takes admin away from any other (see {@link V3__Operator_clients}).
	 */
	@Bean
	V3__Operator_clients operatorClientsMigration() {
		return new V3__Operator_clients();
	}

	private static boolean isUser(UserDetailsService users, String username) {
		try {
			return users.loadUserByUsername(username) != null;
		}
		catch (UsernameNotFoundException ex) {
			return false;
		}
	}

	/** New secrets are hashed with SHA-256; bcrypt hashes of older secrets still verify. */
	@Bean
	ClientSecretEncoder clientSecretEncoder() {
		return new ClientSecretEncoder(new DelegatingPasswordEncoder(Sha256SecretEncoder.ID,
				Map.of(Sha256SecretEncoder.ID, new Sha256SecretEncoder(), "bcrypt", new BCryptPasswordEncoder())));
	}

	/** Client secrets are checked against their hashes as {@link ClientSecretEncoder} makes them. */
	@Bean
	AuthorizationServerCustomizer clientSecretHashes(ClientSecretEncoder secrets) {
		return (server, http) -> server.clientAuthentication(clientAuthentication -> clientAuthentication
			.authenticationProviders(providers -> providers.forEach(provider -> {
				if (provider instanceof ClientSecretAuthenticationProvider secretProvider) {
					secretProvider.setPasswordEncoder(secrets.encoder());
				}
			})));
	}

}
