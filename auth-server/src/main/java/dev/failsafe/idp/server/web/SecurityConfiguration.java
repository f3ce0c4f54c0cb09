package dev.failsafe.idp.server.web;

import dev.failsafe.idp.server.ProviderProperties;
import dev.failsafe.idp.server.clients.ClientSecretEncoder;
import dev.failsafe.idp.server.login.LoginOutcomes;
import dev.failsafe.idp.server.login.LoginProperties;
import dev.failsafe.idp.server.login.LoginThrottle;
import dev.failsafe.idp.server.login.ThrottledAuthenticationProvider;
import dev.failsafe.idp.server.logout.LogoutRequestHandler;
import dev.failsafe.idp.server.observability.RequestIdFilter;
import dev.failsafe.idp.server.tokens.IssuedTokenCounter;
import dev.failsafe.idp.server.users.DirectoryUserInfoMapper;
import dev.failsafe.idp.server.users.JdbcUserDirectory;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;

/**
 * The two filter chains: the authorization server's endpoints (protocol errors as JSON, login
 * redirect for browsers) and everything else (our pages, form login with throttling, actuator).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String CONSENT_PAGE = "/oauth2/consent";

	static final String LOGIN_PAGE = "/login";

	/** Our pages may only load our own resources, and nobody may frame them. */
	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "frame-ancestors 'none'";

	@Bean
	AuthorizationServerSettings authorizationServerSettings(ProviderProperties provider) {
		return AuthorizationServerSettings.builder().issuer(provider.issuer().toString()).build();
	}

	/**
	 * OpenID Connect sessions (the {@code sid} claim, logout) are looked up in the replicated
	 * session store, so they are the same at every node and site.
	 */
	@Bean
	<S extends Session> SessionRegistry sessionRegistry(FindByIndexNameSessionRepository<S> sessions) {
		return new SpringSessionBackedSessionRegistry<>(sessions);
	}

	@Bean
	ProtocolErrorResponder protocolErrorResponder(MeterRegistry meters, ProviderProperties provider) {
		return new ProtocolErrorResponder(meters, provider.productName());
	}

	@Bean
	LoginThrottle loginThrottle(LoginProperties properties, Clock clock) {
		return new LoginThrottle(properties, clock);
	}

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerFilterChain(HttpSecurity http, ProtocolErrorResponder errors,
			ClientSecretEncoder secrets, ClientNames clientNames, JdbcUserDirectory users, MeterRegistry meters) {
		OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
		http.securityMatcher(server.getEndpointsMatcher())
			.with(server, as -> as
				.clientAuthentication(clientAuthentication -> clientAuthentication.errorResponseHandler(errors)
					.authenticationProviders(providers -> providers.forEach(provider -> {
						if (provider instanceof ClientSecretAuthenticationProvider secretProvider) {
							secretProvider.setPasswordEncoder(secrets.encoder());
						}
					})))
				.authorizationEndpoint(authorization -> authorization.consentPage(CONSENT_PAGE))
				.tokenEndpoint(token -> token.errorResponseHandler(errors)
					.accessTokenResponseHandler(new IssuedTokenCounter(meters)))
				.tokenIntrospectionEndpoint(introspection -> introspection.errorResponseHandler(errors))
				.tokenRevocationEndpoint(revocation -> revocation.errorResponseHandler(errors))
				.oidc(oidc -> oidc
					.logoutEndpoint(logout -> logout.logoutResponseHandler(new LogoutRequestHandler(clientNames)))
					.userInfoEndpoint(userInfo -> userInfo.userInfoMapper(new DirectoryUserInfoMapper(users)))))
			.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
			.oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
			.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pagesFilterChain(HttpSecurity http, JdbcUserDirectory users, PasswordEncoder passwords,
			LoginThrottle throttle, MeterRegistry meters) {
		DaoAuthenticationProvider passwordCheck = new DaoAuthenticationProvider(users);
		passwordCheck.setPasswordEncoder(passwords);
		LoginOutcomes outcomes = new LoginOutcomes(meters);
		http.authorizeHttpRequests(authorize -> authorize
			.requestMatchers(LOGIN_PAGE, "/logout/done", "/error", "/css/**", "/favicon.ico")
			.permitAll()
			.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
			.permitAll()
			.anyRequest()
			.authenticated())
			.authenticationManager(new ProviderManager(new ThrottledAuthenticationProvider(passwordCheck, throttle)))
			.formLogin(form -> form.loginPage(LOGIN_PAGE).successHandler(outcomes).failureHandler(outcomes))
			.logout(logout -> logout.logoutSuccessUrl("/logout/done"))
			.sessionManagement(sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
		return http.build();
	}

}
