package dev.failsafe.idp.server.web;

import dev.failsafe.idp.server.ProviderProperties;
import dev.failsafe.idp.server.authorizations.RefreshTokenReuseDetection;
import dev.failsafe.idp.server.authorizations.StoredAuthorizationService;
import dev.failsafe.idp.server.clients.ClientSecretEncoder;
import dev.failsafe.idp.server.login.LoginOutcomes;
import dev.failsafe.idp.server.login.LoginThrottle;
import dev.failsafe.idp.server.login.ThrottledAuthenticationProvider;
import dev.failsafe.idp.server.logout.LogoutRequestHandler;
import dev.failsafe.idp.server.observability.RequestIdFilter;
import dev.failsafe.idp.server.tokens.IssuedTokenCounter;
import dev.failsafe.idp.server.users.DirectoryUserInfoMapper;
import dev.failsafe.idp.server.users.PasswordUpgrades;
import dev.failsafe.idp.server.users.UserDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import org.thymeleaf.ITemplateEngine;

import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeRequestAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.CorsFilter;

/**
 * The two filter chains: the authorization server's endpoints (protocol errors as JSON, a login
 * redirect only from the authorization endpoint) and everything else (our pages, form login with
 * throttling, actuator); in front of both, the guard that answers requests to the protocol endpoints
 * with a wrong method or body.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String CONSENT_PAGE = "/oauth2/consent";

	static final String LOGIN_PAGE = "/login";

	/** The OpenID Provider metadata path (OIDC Discovery section 4), fixed by the specification. */
	private static final String OIDC_DISCOVERY = "/.well-known/openid-configuration";

	/** The OAuth 2.0 authorization server metadata path (RFC 8414 section 3). */
	private static final String OAUTH2_METADATA = "/.well-known/oauth-authorization-server";

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
	BearerErrorResponder bearerErrorResponder(ProtocolErrorResponder json, ProviderProperties provider) {
		return new BearerErrorResponder(json, provider.productName());
	}

	/**
	 * Runs after the request id (so its errors are logged with one) and before Spring Security. The
	 * form size limit is the container's, so a body too large to parse is refused before parsing.
	 */
	@Bean
	FilterRegistrationBean<EndpointRequestGuard> endpointRequestGuard(AuthorizationServerSettings endpoints,
			ProtocolErrorResponder errors, @Value("${server.tomcat.max-http-form-post-size:2MB}") DataSize maxFormSize) {
		Set<HttpMethod> post = Set.of(HttpMethod.POST);
		Set<HttpMethod> get = Set.of(HttpMethod.GET);
		Set<HttpMethod> getOrPost = Set.of(HttpMethod.GET, HttpMethod.POST);
		List<EndpointRequestGuard.Rule> rules = List.of(
				new EndpointRequestGuard.Rule(endpoints.getTokenEndpoint(), post, true),
				new EndpointRequestGuard.Rule(endpoints.getTokenIntrospectionEndpoint(), post, true),
				new EndpointRequestGuard.Rule(endpoints.getTokenRevocationEndpoint(), post, true),
				new EndpointRequestGuard.Rule(endpoints.getAuthorizationEndpoint(), getOrPost, false),
				new EndpointRequestGuard.Rule(endpoints.getOidcUserInfoEndpoint(), getOrPost, false),
				new EndpointRequestGuard.Rule(endpoints.getOidcLogoutEndpoint(), getOrPost, false),
				new EndpointRequestGuard.Rule(endpoints.getJwkSetEndpoint(), get, false),
				new EndpointRequestGuard.Rule(OIDC_DISCOVERY, get, false),
				new EndpointRequestGuard.Rule(OAUTH2_METADATA, get, false));
		FilterRegistrationBean<EndpointRequestGuard> registration = new FilterRegistrationBean<>(
				new EndpointRequestGuard(rules, maxFormSize.toBytes(), errors));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	/**
	 * After the guard (which lets {@code OPTIONS} through) and before Spring Security, so a preflight
	 * is answered without authentication.
	 */
	@Bean
	FilterRegistrationBean<CorsFilter> browserClientCors(CorsProperties cors, AuthorizationServerSettings endpoints) {
		FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(BrowserClientCors.filter(cors,
				List.of(endpoints.getTokenEndpoint(), endpoints.getTokenRevocationEndpoint(),
						endpoints.getOidcUserInfoEndpoint(), endpoints.getJwkSetEndpoint(), OIDC_DISCOVERY,
						OAUTH2_METADATA)));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	/**
	 * Outside Spring Session's filter, on request and error dispatches: "try again" for a request
	 * that a store (sessions and authorizations, or the directory) could not serve.
	 */
	@Bean
	FilterRegistrationBean<StoreUnavailableResponses> storeUnavailableResponses(AuthorizationServerSettings endpoints,
			ProtocolErrorResponder protocolErrors, ITemplateEngine templates, ProviderProperties provider) {
		RequestMatcher protocolEndpoints = new OrRequestMatcher(path(endpoints.getTokenEndpoint()),
				path(endpoints.getTokenIntrospectionEndpoint()), path(endpoints.getTokenRevocationEndpoint()),
				path(endpoints.getOidcUserInfoEndpoint()));
		FilterRegistrationBean<StoreUnavailableResponses> registration = new FilterRegistrationBean<>(
				new StoreUnavailableResponses(LOGIN_PAGE, protocolEndpoints, protocolErrors,
						PathPatternRequestMatcher.withDefaults().matcher("/admin/**"), templates, provider.productName()));
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
		return registration;
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
			BearerErrorResponder bearerErrors, ClientSecretEncoder secrets, ClientNames clientNames,
			UserDirectory users, RegisteredClientRepository clients, AuthorizationServerSettings endpoints,
			StoredAuthorizationService authorizations, MeterRegistry meters) {
		OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
		ExactRedirectUriValidator redirectUris = new ExactRedirectUriValidator();
		FrontChannelRequestLimits limits = new FrontChannelRequestLimits();
		http.securityMatcher(server.getEndpointsMatcher())
			.with(server, as -> as
				.clientAuthentication(clientAuthentication -> clientAuthentication.errorResponseHandler(errors)
					.authenticationConverters(converters -> converters.add(0, new SingleClientAuthenticationMethod()))
					.authenticationProviders(providers -> providers.forEach(provider -> {
						if (provider instanceof ClientSecretAuthenticationProvider secretProvider) {
							secretProvider.setPasswordEncoder(secrets.encoder());
						}
					})))
				.authorizationEndpoint(authorization -> authorization.consentPage(CONSENT_PAGE)
					.errorResponseHandler(new AuthorizationEndpointErrorHandler())
					.authorizationRequestConverters(
							converters -> guardAuthorizationRequests(converters, limits, clients, redirectUris))
					.authenticationProviders(providers -> providers.forEach(provider -> {
						if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequests) {
							codeRequests.setAuthenticationValidator(redirectUris
								.andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR));
						}
					})))
				.tokenEndpoint(token -> token.errorResponseHandler(errors)
					.accessTokenResponseHandler(new IssuedTokenCounter(meters))
					.authenticationProviders(providers -> providers.replaceAll(provider -> (provider instanceof OAuth2RefreshTokenAuthenticationProvider)
							? new RefreshTokenReuseDetection(provider, authorizations) : provider)))
				.tokenIntrospectionEndpoint(introspection -> introspection.errorResponseHandler(errors))
				.tokenRevocationEndpoint(revocation -> revocation.errorResponseHandler(errors))
				.oidc(oidc -> oidc
					.logoutEndpoint(logout -> logout.logoutRequestConverters(converters -> converters.add(0, limits))
						.logoutResponseHandler(new LogoutRequestHandler(clientNames)))
					.userInfoEndpoint(userInfo -> userInfo.userInfoMapper(new DirectoryUserInfoMapper(users))
						.errorResponseHandler(bearerErrors))))
			.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
			.oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(bearerErrors))
			// Who is asked to authenticate, and how: the user (login page) only at the authorization
			// endpoint, a client (invalid_client) at the back channel, a bearer everywhere else.
			.exceptionHandling(exceptions -> exceptions
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE),
						path(endpoints.getAuthorizationEndpoint()))
				.defaultAuthenticationEntryPointFor(errors,
						new OrRequestMatcher(path(endpoints.getTokenEndpoint()),
								path(endpoints.getTokenIntrospectionEndpoint()),
								path(endpoints.getTokenRevocationEndpoint())))
				.defaultAuthenticationEntryPointFor(bearerErrors, AnyRequestMatcher.INSTANCE));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pagesFilterChain(HttpSecurity http, UserDirectory users, PasswordEncoder passwords,
			PasswordUpgrades passwordUpgrades, LoginThrottle throttle, MeterRegistry meters) {
		DaoAuthenticationProvider passwordCheck = new DaoAuthenticationProvider(users);
		passwordCheck.setPasswordEncoder(passwords);
		passwordCheck.setUserDetailsPasswordService(passwordUpgrades);
		LoginOutcomes outcomes = new LoginOutcomes(meters);
		http.authorizeHttpRequests(authorize -> authorize
			.requestMatchers(LOGIN_PAGE, LOGIN_PAGE + "/throttled", "/logout/done", "/error", "/css/**", "/favicon.ico")
			.permitAll()
			.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
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

	/**
	 * Size limits first; then Spring's parameter checks, wrapped so that their errors reach a client
	 * whose redirect URI can be trusted.
	 */
	private static void guardAuthorizationRequests(List<AuthenticationConverter> converters,
			FrontChannelRequestLimits limits, RegisteredClientRepository clients,
			ExactRedirectUriValidator redirectUris) {
		converters.replaceAll(converter -> (converter instanceof OAuth2AuthorizationCodeRequestAuthenticationConverter)
				? new AuthorizationErrorRedirect(converter, clients, redirectUris) : converter);
		converters.add(0, limits);
	}

	private static RequestMatcher path(String path) {
		return PathPatternRequestMatcher.withDefaults().matcher(path);
	}

}
