package dev.failsafe.idp.server.pages;

import dev.failsafe.idp.server.login.LoginPage;
import dev.failsafe.idp.server.security.FilterOrder;
import dev.failsafe.idp.server.security.PagesCustomizer;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What every page shares: the error page, the style sheets, the headers, the answer to an unconfirmed session write. */
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

	@Bean
	FilterRegistrationBean<StoreUnavailablePages> storeUnavailablePages() {
		return FilterOrder.STORE_UNAVAILABLE_PAGES.register(new StoreUnavailablePages(LoginPage.PATH));
	}

}
