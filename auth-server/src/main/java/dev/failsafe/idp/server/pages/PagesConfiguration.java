package dev.failsafe.idp.server.pages;

import dev.failsafe.idp.server.ProviderProperties;
import dev.failsafe.idp.server.login.LoginPage;
import dev.failsafe.idp.server.protocol.ProtocolErrorResponder;
import dev.failsafe.idp.server.security.FilterOrder;
import dev.failsafe.idp.server.security.PagesCustomizer;
import jakarta.servlet.DispatcherType;
import org.thymeleaf.ITemplateEngine;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/** What every page shares: the error page, the style sheets, the headers, the answer to a store that could not answer. */
@Configuration(proxyBeanMethods = false)
class PagesConfiguration {

	/** Our pages may only load our own resources, and nobody may frame them. */
	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "frame-ancestors 'none'";

	@Bean
	PagesCustomizer sharedPages() {
		return http -> http
			.authorizeHttpRequests(authorize -> authorize.requestMatchers("/error", "/css/**", "/favicon.ico").permitAll())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
	}

	/** On request and error dispatches: "try again" for a request a store (sessions and authorizations, or the directory) could not serve. */
	@Bean
	FilterRegistrationBean<StoreUnavailableResponses> storeUnavailableResponses(AuthorizationServerSettings endpoints,
			ProtocolErrorResponder protocolErrors, ITemplateEngine templates, ProviderProperties provider) {
		RequestMatcher protocolEndpoints = new OrRequestMatcher(path(endpoints.getTokenEndpoint()),
				path(endpoints.getTokenIntrospectionEndpoint()), path(endpoints.getTokenRevocationEndpoint()),
				path(endpoints.getOidcUserInfoEndpoint()));
		FilterRegistrationBean<StoreUnavailableResponses> registration = FilterOrder.STORE_UNAVAILABLE
			.register(new StoreUnavailableResponses(LoginPage.PATH, protocolEndpoints, protocolErrors, path("/admin/**"),
					templates, provider.productName()));
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
		return registration;
	}

	private static RequestMatcher path(String pattern) {
		return PathPatternRequestMatcher.withDefaults().matcher(pattern);
	}

}
