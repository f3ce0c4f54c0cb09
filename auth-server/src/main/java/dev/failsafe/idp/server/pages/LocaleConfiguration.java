package dev.failsafe.idp.server.pages;

import dev.failsafe.idp.server.authorize.PendingAuthorizations;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;

/** The pages' language ({@link UiLocaleResolver}); the texts are {@code messages*.properties}. */
@Configuration(proxyBeanMethods = false)
class LocaleConfiguration {

	/** The name the dispatcher servlet looks it up by, which also makes Spring Boot's default back off. */
	@Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
	LocaleResolver localeResolver(PendingAuthorizations pending) {
		return new UiLocaleResolver(pending);
	}

}
