package dev.failsafe.idp.server.logout;

import dev.failsafe.idp.server.clients.ClientNames;
import dev.failsafe.idp.server.security.AuthorizationServerCustomizer;
import dev.failsafe.idp.server.security.PagesCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** RP-initiated logout, confirmed on our page, and the signed-out page. */
@Configuration(proxyBeanMethods = false)
class LogoutConfiguration {

	@Bean
	AuthorizationServerCustomizer logoutConfirmation(ClientNames clientNames) {
		return (server, http) -> server.oidc(oidc -> oidc
			.logoutEndpoint(logout -> logout.logoutResponseHandler(new LogoutRequestHandler(clientNames))));
	}

	@Bean
	PagesCustomizer signedOutPage() {
		return http -> http
			.authorizeHttpRequests(
					authorize -> authorize.requestMatchers(LogoutConfirmationController.DONE_PATH).permitAll())
			.logout(logout -> logout.logoutSuccessUrl(LogoutConfirmationController.DONE_PATH));
	}

}
