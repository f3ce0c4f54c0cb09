package dev.failsafe.idp.server.admin;

import dev.failsafe.idp.server.audit.AuditLog;
import dev.failsafe.idp.server.authorizations.ActiveAccessTokens;
import dev.failsafe.idp.server.operators.OperatorClients;
import dev.failsafe.idp.server.security.ChainOrder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The admin API's filter chain: stateless, bearer access tokens from this provider carrying the
 * {@value #ADMIN_SCOPE} scope and still active ({@link ActiveAdminTokenDecoder}), every call
 * audited, every error an RFC 9457 problem. Served by every node, so operators can act from
 * whichever site survives.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurityConfiguration {

	static final String ADMIN_SCOPE = OperatorClients.ADMIN_SCOPE;

	static final String PATHS = "/admin/**";

	/** The application's error controller: Boot's, with the admin API's errors as problems. */
	@Bean
	ErrorController errorController(ErrorAttributes errorAttributes, WebProperties web,
			ObjectProvider<ErrorViewResolver> errorViewResolvers) {
		return new AdminErrorController(errorAttributes, web.getError(), errorViewResolvers.orderedStream().toList());
	}

	@Bean
	@Order(ChainOrder.ADMIN)
	SecurityFilterChain adminFilterChain(HttpSecurity http, AuditLog audit, JwtDecoder signatures,
			ActiveAccessTokens activeTokens) {
		AdminProblems problems = new AdminProblems();
		http.securityMatcher(PATHS)
			.authorizeHttpRequests(authorize -> authorize.anyRequest().hasAuthority("SCOPE_" + ADMIN_SCOPE))
			.oauth2ResourceServer(resourceServer -> resourceServer
				.jwt(jwt -> jwt.decoder(new ActiveAdminTokenDecoder(signatures, activeTokens)))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(cache -> cache.disable())
			.addFilterBefore(new AdminAuditFilter(audit), BearerTokenAuthenticationFilter.class);
		return http.build();
	}

}
