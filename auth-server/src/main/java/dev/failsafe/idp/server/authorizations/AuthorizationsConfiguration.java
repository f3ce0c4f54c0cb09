package dev.failsafe.idp.server.authorizations;

import java.time.Clock;

import dev.failsafe.idp.replication.authorization.AuthorizationStore;
import dev.failsafe.idp.replication.authorization.ConsentStore;
import dev.failsafe.idp.server.security.AuthorizationServerCustomizer;
import dev.failsafe.idp.server.sessions.SessionActivity;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/** The authorization server's services over whichever replicated stores are configured. */
@Configuration(proxyBeanMethods = false)
class AuthorizationsConfiguration {

	@Bean
	StoredAuthorizationService authorizationService(AuthorizationStore store, RegisteredClientRepository clients,
			Clock clock, MeterRegistry meters, ObjectProvider<SessionActivity> sessionActivity) {
		return new StoredAuthorizationService(store, clients, clock, meters,
				sessionActivity.getIfAvailable(() -> SessionActivity.NONE));
	}

	@Bean
	ActiveAccessTokens activeAccessTokens(StoredAuthorizationService authorizations,
			RegisteredClientRepository clients) {
		return new ActiveAccessTokens(authorizations, clients);
	}

	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService(ConsentStore store) {
		return new StoredConsentService(store);
	}

	@Bean
	SessionGrants sessionGrants(StoredAuthorizationService authorizations, AuthorizationStore store,
			RegisteredClientRepository clients) {
		return new SessionGrants(authorizations, store, clients);
	}

	@Bean
	StoredUserGrants userGrants(AuthorizationStore authorizations, ConsentStore consents) {
		return new StoredUserGrants(authorizations, consents);
	}

	/** A rotated refresh token presented again revokes its whole family. */
	@Bean
	AuthorizationServerCustomizer refreshTokenReuseDetection(StoredAuthorizationService authorizations) {
		return (server, http) -> server.tokenEndpoint(token -> token.authenticationProviders(
				providers -> providers.replaceAll(provider -> (provider instanceof OAuth2RefreshTokenAuthenticationProvider)
						? new RefreshTokenReuseDetection(provider, authorizations) : provider)));
	}

}
