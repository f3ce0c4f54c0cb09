package dev.failsafe.idp.server.clients;

import java.time.Clock;
import java.util.Map;

import dev.failsafe.idp.server.tokens.TokenProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;

/** Registered clients in the JDBC directory, and how their secrets are hashed. */
@Configuration(proxyBeanMethods = false)
class ClientsConfiguration {

	/** The directory's clients with this deployment's token policy, cached (every token request reads one). */
	@Bean
	CachingClientRepository registeredClientRepository(JdbcOperations jdbc, TokenProperties tokens,
			ClientCacheProperties cache, Clock clock) {
		return new CachingClientRepository(
				new ConfiguredLifetimesClientRepository(new JdbcRegisteredClientRepository(jdbc), tokens), cache, clock);
	}

	@Bean
	ClientRegistrations clientRegistrations(CachingClientRepository clients, JdbcOperations jdbc,
			ClientSecretEncoder secrets) {
		return new ClientRegistrations(clients, jdbc, secrets, clients::evict);
	}

	/** New secrets are hashed with SHA-256; bcrypt hashes of older secrets still verify. */
	@Bean
	ClientSecretEncoder clientSecretEncoder() {
		return new ClientSecretEncoder(new DelegatingPasswordEncoder(Sha256SecretEncoder.ID,
				Map.of(Sha256SecretEncoder.ID, new Sha256SecretEncoder(), "bcrypt", new BCryptPasswordEncoder())));
	}

}
