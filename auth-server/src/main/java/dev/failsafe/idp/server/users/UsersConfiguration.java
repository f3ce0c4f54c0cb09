package dev.failsafe.idp.server.users;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The user directory and how passwords are hashed. */
@Configuration(proxyBeanMethods = false)
class UsersConfiguration {

	@Bean
	JdbcUserDirectory userDirectory(JdbcClient jdbc) {
		return new JdbcUserDirectory(jdbc);
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
