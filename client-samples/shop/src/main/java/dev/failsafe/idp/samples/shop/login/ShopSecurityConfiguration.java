package dev.failsafe.idp.samples.shop.login;

import dev.failsafe.idp.samples.shop.ShopProperties;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OidcBackChannelLogoutHandler;
import org.springframework.security.oauth2.client.oidc.session.InMemoryOidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.web.SecurityFilterChain;

/**
 * OpenID Connect login with the provider (authorization code with PKCE, and a nonce, which Spring
 * Security sends and checks for every {@code openid} login), RP-initiated logout back to the home
 * page, back-channel logout ({@code /logout/connect/back-channel/demo}: a signed logout token from
 * the provider ends the shopper's session), CSRF on every form, and a Content-Security-Policy that lets the SPA's script talk to the
 * provider and partner-api only.
 */
@Configuration(proxyBeanMethods = false)
class ShopSecurityConfiguration {

	@Bean
	ClientRegistrationRepository clientRegistrationRepository(ShopProperties shop) {
		return new InMemoryClientRegistrationRepository(ProviderRegistration.of(shop));
	}

	/** Access tokens from the session; refreshed (a call to the provider) only once expired. */
	@Bean
	OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientRepository authorizedClients) {
		DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations,
				authorizedClients);
		manager.setAuthorizedClientProvider(
				OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().refreshToken().build());
		return manager;
	}

	/** The shop's sign-ins by the provider's session id ({@code sid}), for back-channel logout. */
	@Bean
	OidcSessionRegistry oidcSessionRegistry() {
		return new InMemoryOidcSessionRegistry();
	}

	/**
	 * Ends each shop session a logout token names, by posting its session cookie (the shop's own name
	 * for it) back to the shop's back-channel endpoint, as Spring Security does.
	 */
	@Bean
	OidcBackChannelLogoutHandler oidcBackChannelLogoutHandler(OidcSessionRegistry sessions,
			@Value("${server.servlet.session.cookie.name:JSESSIONID}") String sessionCookie) {
		OidcBackChannelLogoutHandler handler = new OidcBackChannelLogoutHandler(sessions);
		handler.setSessionCookieName(sessionCookie);
		return handler;
	}

	@Bean
	ProviderCheck providerCheck(ShopProperties shop) {
		return new ProviderCheck(shop);
	}

	@Bean
	SecurityFilterChain shopFilterChain(HttpSecurity http, ClientRegistrationRepository registrations,
			ShopProperties shop, OidcBackChannelLogoutHandler backChannelLogout) {
		DefaultOAuth2AuthorizationRequestResolver authorizationRequests = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, "/oauth2/authorization");
		// The provider requires PKCE of demo-shop too, although it is a confidential client.
		authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		OidcClientInitiatedLogoutSuccessHandler logoutSuccess = new OidcClientInitiatedLogoutSuccessHandler(
				registrations);
		logoutSuccess.setPostLogoutRedirectUri("{baseUrl}/");
		String csp = "default-src 'self'; connect-src 'self' " + ShopProperties.origin(shop.issuer()) + " "
				+ ShopProperties.origin(shop.partnerApi()) + "; object-src 'none'; base-uri 'none'; "
				+ "frame-ancestors 'none'; form-action 'self' " + ShopProperties.origin(shop.issuer());
		http.authorizeHttpRequests(authorize -> authorize
			.requestMatchers("/", "/login", "/login/start", "/error", "/css/**", "/spa", "/spa/**", "/favicon.ico",
					"/actuator/health", "/actuator/health/**")
			.permitAll()
			.anyRequest()
			.authenticated())
			.oauth2Login(login -> login.loginPage("/login")
				.authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(authorizationRequests))
				.defaultSuccessUrl("/profile")
				.failureHandler(new LoggedLoginFailure()))
			.logout(logout -> logout.logoutSuccessHandler(logoutSuccess))
			// The provider's logout tokens (OIDC Back-Channel Logout) end the shopper's session here too.
			.oidcLogout(logout -> logout.backChannel(backChannel -> backChannel.logoutHandler(backChannelLogout)))
			.headers(headers -> headers.contentSecurityPolicy(policy -> policy.policyDirectives(csp)));
		return http.build();
	}

}
