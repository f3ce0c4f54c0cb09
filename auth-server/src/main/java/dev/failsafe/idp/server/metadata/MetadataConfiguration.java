package dev.failsafe.idp.server.metadata;

import java.util.Locale;

import dev.failsafe.idp.server.pages.UiLocaleResolver;
import dev.failsafe.idp.server.security.AuthorizationServerCustomizer;
import dev.failsafe.idp.server.security.ProviderMetadataCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** Discovery and the authorization server metadata. */
@Configuration(proxyBeanMethods = false)
class MetadataConfiguration {

	@Bean
	ProviderMetadata providerMetadata() {
		return new ProviderMetadata(UiLocaleResolver.SUPPORTED.stream().map(Locale::toLanguageTag).toList());
	}

	/** The authorization server metadata advertises exactly what works ({@link ProviderMetadata}). */
	@Bean
	AuthorizationServerCustomizer authorizationServerMetadata(ProviderMetadata metadata) {
		return (server, http) -> server.authorizationServerMetadataEndpoint(
				endpoint -> endpoint.authorizationServerMetadataCustomizer(document -> document.claims(metadata::oauth2)));
	}

	/**
	 * So does discovery, first: the other features' {@link ProviderMetadataCustomizer} beans add to
	 * it afterwards.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	ProviderMetadataCustomizer openIdProviderMetadata(ProviderMetadata metadata) {
		return document -> document.claims(metadata::openid);
	}

}
