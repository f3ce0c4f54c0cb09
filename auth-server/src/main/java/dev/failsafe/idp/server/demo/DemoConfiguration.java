package dev.failsafe.idp.server.demo;

import dev.failsafe.idp.server.clients.ClientSecretEncoder;
import dev.failsafe.idp.server.users.UserDirectory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Seeds the demo tenant on the embedded default (H2 directory and {@code idp.demo.enabled}), and on
 * another database only with {@code idp.demo.seed-external-database} (see {@link DemoProperties}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${idp.demo.enabled:true} and ('${spring.datasource.url:}'.startsWith('jdbc:h2:') "
		+ "or ${idp.demo.seed-external-database:false})")
class DemoConfiguration {

	@Bean
	@DependsOnDatabaseInitialization
	DemoTenant demoTenant(UserDirectory users, PasswordEncoder passwords, RegisteredClientRepository clients,
			ClientSecretEncoder secrets) {
		return new DemoTenant(users, passwords, clients, secrets);
	}

}
