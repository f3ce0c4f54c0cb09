package dev.failsafe.idp.server.users;

import dev.failsafe.idp.server.security.AuthorizationServerCustomizer;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
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

	/** UserInfo answers with the directory's claims, read fresh, as the token's scopes allow. */
	@Bean
	AuthorizationServerCustomizer userInfoFromDirectory(UserDirectory users) {
		return (server, http) -> server
			.oidc(oidc -> oidc.userInfoEndpoint(userInfo -> userInfo.userInfoMapper(new DirectoryUserInfoMapper(users))));
	}

}
