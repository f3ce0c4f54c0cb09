package dev.failsafe.idp.server.pages;

import dev.failsafe.idp.server.authorize.PendingAuthorizations;
import dev.failsafe.idp.server.security.FilterOrder;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

/** The pages' language ({@link UiLocaleResolver}); the texts are {@code messages*.properties}. */
@Configuration(proxyBeanMethods = false)
class LocaleConfiguration {

	/** The name the dispatcher servlet looks it up by, which also makes Spring Boot's default back off. */
	@Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
	UiLocaleResolver localeResolver(PendingAuthorizations pending) {
		return new UiLocaleResolver(pending);
	}

	/** Inside Spring Session's filter, so the session it remembers the language in is the stored one. */
	@Bean
	FilterRegistrationBean<UiLocalesRemembered> uiLocalesRemembered(UiLocaleResolver locales) {
		return FilterOrder.UI_LOCALES_REMEMBERED.register(new UiLocalesRemembered(locales));
	}

}
