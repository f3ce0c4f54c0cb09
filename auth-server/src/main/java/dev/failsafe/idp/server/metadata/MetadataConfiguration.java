package dev.failsafe.idp.server.metadata;

import java.util.Locale;

import dev.failsafe.idp.server.pages.UiLocaleResolver;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Discovery and the authorization server metadata. */
@Configuration(proxyBeanMethods = false)
class MetadataConfiguration {

	@Bean
	ProviderMetadata providerMetadata() {
		return new ProviderMetadata(UiLocaleResolver.SUPPORTED.stream().map(Locale::toLanguageTag).toList());
	}

}
