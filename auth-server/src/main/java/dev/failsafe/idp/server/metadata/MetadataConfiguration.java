package dev.failsafe.idp.server.metadata;

import java.util.Locale;

import dev.failsafe.idp.server.pages.UiLocaleResolver;
import dev.failsafe.idp.server.security.AuthorizationServerCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Discovery and the authorization server metadata. */
@Configuration(proxyBeanMethods = false)
class MetadataConfiguration {

	@Bean
	ProviderMetadata providerMetadata() {
		return new ProviderMetadata(UiLocaleResolver.SUPPORTED.stream().map(Locale::toLanguageTag).toList());
	}

	/** Both documents advertise exactly what works ({@link ProviderMetadata}). */
	@Bean
	AuthorizationServerCustomizer metadataDocuments(ProviderMetadata metadata) {
		return (server, http) -> server
			.authorizationServerMetadataEndpoint(endpoint -> endpoint
				.authorizationServerMetadataCustomizer(document -> document.claims(metadata::oauth2)))
			.oidc(oidc -> oidc.providerConfigurationEndpoint(
					endpoint -> endpoint.providerConfigurationCustomizer(document -> document.claims(metadata::openid))));
	}

}
