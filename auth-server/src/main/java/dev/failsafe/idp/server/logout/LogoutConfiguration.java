package dev.failsafe.idp.server.logout;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.failsafe.idp.server.ProviderProperties;
import dev.failsafe.idp.server.authorizations.SessionGrants;
import dev.failsafe.idp.server.backchannel.BackChannelLogout;
import dev.failsafe.idp.server.security.AuthorizationServerCustomizer;
import dev.failsafe.idp.server.security.PagesCustomizer;
import dev.failsafe.idp.server.users.UserGrants;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * RP-initiated logout (with or without {@code id_token_hint}), confirmed on our page, the
 * signed-out page, and what ending a session means for the relying parties.
 */
@Configuration(proxyBeanMethods = false)
class LogoutConfiguration {

	@Bean
	SessionLogout sessionLogout(SessionGrants grants, BackChannelLogout backChannel) {
		return new SessionLogout(grants, backChannel);
	}

	@Bean
	AuthorizationServerCustomizer logoutEndpoint(JWKSource<SecurityContext> keys, ProviderProperties provider,
			RegisteredClientRepository clients) {
		LogoutEndpoint endpoint = new LogoutEndpoint(new IdTokenHints(keys, provider.issuer().toString()), clients);
		return (server, http) -> server.oidc(oidc -> oidc.logoutEndpoint(endpoint.customizer()));
	}

	@Bean
	PagesCustomizer signedOutPage(SessionLogout sessionLogout) {
		return http -> http
			.authorizeHttpRequests(
					authorize -> authorize.requestMatchers(LogoutConfirmationController.DONE_PATH).permitAll())
			.logout(logout -> logout.addLogoutHandler(sessionLogout)
				.logoutSuccessUrl(LogoutConfirmationController.DONE_PATH));
	}

	@Bean
	ExpiredSessionLogout expiredSessionLogout(SessionLogout sessionLogout) {
		return new ExpiredSessionLogout(sessionLogout);
	}

	/** The user grants an operator's security event revokes, with the relying parties told first. */
	@Bean
	@Primary
	UserGrants backChannelUserGrants(@Qualifier("userGrants") UserGrants userGrants, SessionLogout sessionLogout) {
		return new BackChannelUserGrants(userGrants, sessionLogout);
	}

}
