package dev.failsafe.idp.samples.partnerapi.security;

import java.util.List;

import dev.failsafe.idp.samples.verifier.TokenVerifier;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * A stateless bearer-token API: {@code GET /api/orders} needs scope {@code orders.read},
 * {@code POST /api/orders} {@code orders.write}; errors are RFC 6750 (401 {@code invalid_token},
 * 403 {@code insufficient_scope}, with {@code WWW-Authenticate}). Tokens are verified by
 * jwt-verifier ({@link VerifierJwtDecoder}).
 */
@Configuration(proxyBeanMethods = false)
class ResourceServerConfiguration {

	@Bean(destroyMethod = "close")
	TokenVerifier tokenVerifier(TokenVerificationProperties properties) {
		return TokenVerifier.create(properties.toSettings());
	}

	@Bean
	JwtDecoder jwtDecoder(TokenVerifier verifier) {
		return new VerifierJwtDecoder(verifier);
	}

	@Bean
	SecurityFilterChain apiFilterChain(HttpSecurity http, JwtDecoder decoder) {
		BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
		http.authorizeHttpRequests(authorize -> authorize
			.requestMatchers("/actuator/health", "/actuator/health/**")
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/api/orders")
			.hasAuthority("SCOPE_orders.read")
			.requestMatchers(HttpMethod.POST, "/api/orders")
			.hasAuthority("SCOPE_orders.write")
			.anyRequest()
			.authenticated())
			.oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt.decoder(decoder))
				.authenticationEntryPoint(bearer)
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
					@Override
					public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
						filter.setAuthenticationFailureHandler(new KeysUnavailableHandler(bearer));
						return filter;
					}
				}))
			.cors(cors -> {
			})
			// Bearer tokens only, no cookies: nothing for CSRF to ride on, nothing to keep between requests.
			.csrf(csrf -> csrf.disable())
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@Bean
	CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(properties.allowedOrigins());
		configuration.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.POST.name()));
		configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE));
		configuration.setExposedHeaders(List.of(HttpHeaders.WWW_AUTHENTICATE));
		configuration.setAllowCredentials(false);
		configuration.setMaxAge(properties.maxAge());
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", configuration);
		return source;
	}

}
