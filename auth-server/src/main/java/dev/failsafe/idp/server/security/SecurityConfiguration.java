package dev.failsafe.idp.server.security;

import dev.failsafe.idp.server.ProviderProperties;
import dev.failsafe.idp.server.protocol.BearerErrorResponder;
import dev.failsafe.idp.server.protocol.ProtocolErrorResponder;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The two filter chains the features add to: the authorization server's endpoints (protocol errors
 * as RFC 6749 JSON, bearer errors as RFC 6750 challenges, each feature's
 * {@link AuthorizationServerCustomizer}, and its {@link ProviderMetadataCustomizer} in the discovery
 * document) and everything else (each feature's {@link PagesCustomizer}; any other request needs a
 * signed-in user). This class knows no feature.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	AuthorizationServerSettings authorizationServerSettings(ProviderProperties provider) {
		return AuthorizationServerSettings.builder().issuer(provider.issuer().toString()).build();
	}

	@Bean
	ProtocolErrorResponder protocolErrorResponder(MeterRegistry meters, ProviderProperties provider) {
		return new ProtocolErrorResponder(meters, provider.productName());
	}

	@Bean
	BearerErrorResponder bearerErrorResponder(ProtocolErrorResponder json, ProviderProperties provider) {
		return new BearerErrorResponder(json, provider.productName());
	}

	@Bean
	@Order(ChainOrder.AUTHORIZATION_SERVER)
	SecurityFilterChain authorizationServerFilterChain(HttpSecurity http, ProtocolErrorResponder errors,
			BearerErrorResponder bearerErrors, AuthorizationServerSettings endpoints,
			ObjectProvider<AuthorizationServerCustomizer> features, ObjectProvider<ProviderMetadataCustomizer> metadata) {
		OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
		http.securityMatcher(server.getEndpointsMatcher())
			.with(server, as -> {
				as.clientAuthentication(clientAuthentication -> clientAuthentication.errorResponseHandler(errors))
					.tokenEndpoint(token -> token.errorResponseHandler(errors))
					.tokenIntrospectionEndpoint(introspection -> introspection.errorResponseHandler(errors))
					.tokenRevocationEndpoint(revocation -> revocation.errorResponseHandler(errors))
					.oidc(oidc -> oidc.userInfoEndpoint(userInfo -> userInfo.errorResponseHandler(bearerErrors))
						.providerConfigurationEndpoint(discovery -> discovery.providerConfigurationCustomizer(
								builder -> metadata.orderedStream().forEach(feature -> feature.customize(builder)))));
				features.orderedStream().forEach(feature -> feature.customize(as, http));
			})
			.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
			.oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(bearerErrors))
			// Who is asked to authenticate, and how: after the features' own (the user, at the login
			// page, for the authorization endpoint), a client (invalid_client) at the back channel, a
			// bearer everywhere else.
			.exceptionHandling(exceptions -> exceptions
				.defaultAuthenticationEntryPointFor(errors,
						new OrRequestMatcher(path(endpoints.getTokenEndpoint()),
								path(endpoints.getPushedAuthorizationRequestEndpoint()),
								path(endpoints.getDeviceAuthorizationEndpoint()),
								path(endpoints.getTokenIntrospectionEndpoint()),
								path(endpoints.getTokenRevocationEndpoint())))
				.defaultAuthenticationEntryPointFor(bearerErrors, AnyRequestMatcher.INSTANCE));
		return http.build();
	}

	@Bean
	@Order(ChainOrder.PAGES)
	SecurityFilterChain pagesFilterChain(HttpSecurity http, ObjectProvider<PagesCustomizer> features) {
		features.orderedStream().forEach(feature -> feature.customize(http));
		http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
			.sessionManagement(sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()));
		return http.build();
	}

	private static RequestMatcher path(String path) {
		return PathPatternRequestMatcher.withDefaults().matcher(path);
	}

}
