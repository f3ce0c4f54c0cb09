package dev.failsafe.idp.server.consent;

import dev.failsafe.idp.server.security.AuthorizationServerCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The consent page the authorization endpoint sends users to. */
@Configuration(proxyBeanMethods = false)
class ConsentConfiguration {

	@Bean
	AuthorizationServerCustomizer consentPage() {
		return (server, http) -> server
			.authorizationEndpoint(authorization -> authorization.consentPage(ConsentController.PATH));
	}

}
