package dev.failsafe.idp.server.users;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The user directory and how passwords are hashed. */
@Configuration(proxyBeanMethods = false)
class UsersConfiguration {

	@Bean
	JdbcUserDirectory userDirectory(JdbcClient jdbc) {
		return new JdbcUserDirectory(jdbc);
	}

	/** Argon2id (native libargon2, pure Java if it cannot load) for new hashes; bcrypt hashes still verify. */
	@Bean
	PasswordHashing passwordHashing(PasswordHashingProperties settings) {
		return PasswordHashing.argon2id(settings, NativeArgon2idPasswordEncoder::loadLibrary);
	}

	@Bean
	PasswordEncoder passwordEncoder(PasswordHashing hashing) {
		return hashing.encoder();
	}

	/** Rehashes an outdated password hash at the next successful sign-in. */
	@Bean
	PasswordUpgrades passwordUpgrades(JdbcClient jdbc, MeterRegistry meters) {
		return new PasswordUpgrades(jdbc, meters);
	}

}
