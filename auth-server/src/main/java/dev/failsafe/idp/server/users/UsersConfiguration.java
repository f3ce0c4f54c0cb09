package dev.failsafe.idp.server.users;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/** The user directory, how passwords are hashed, and what operators may do to users. */
@Configuration(proxyBeanMethods = false)
class UsersConfiguration {

	@Bean
	UserDirectory userDirectory(JdbcClient jdbc) {
		return new JdbcUserDirectory(jdbc);
	}

	@Bean
	UserAccounts userAccounts(UserDirectory directory, PasswordEncoder passwords, RegisteredClientRepository clients,
			UserSessions sessions, UserGrants grants) {
		return new UserAccounts(directory, passwords, clientId -> clients.findByClientId(clientId) != null, sessions,
				grants);
	}

	/**
	 * Users' passwords: a delegating encoder, bcrypt (cost 10, OWASP's minimum) for new hashes, so
	 * the algorithm can be raised later without invalidating stored hashes.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
