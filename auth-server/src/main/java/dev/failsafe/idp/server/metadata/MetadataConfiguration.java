package dev.failsafe.idp.server.metadata;

import java.util.Locale;
import java.util.function.Consumer;

import dev.failsafe.idp.server.pages.UiLocaleResolver;
import dev.failsafe.idp.server.security.AuthorizationServerCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration;

/** Discovery and the authorization server metadata. */
@Configuration(proxyBeanMethods = false)
class MetadataConfiguration {

	@Bean
	ProviderMetadata providerMetadata() {
		return new ProviderMetadata(UiLocaleResolver.SUPPORTED.stream().map(Locale::toLanguageTag).toList());
	}

	/**
	 * Both documents advertise exactly what works ({@link ProviderMetadata}); then what other features
	 * add to discovery (their {@code Consumer<OidcProviderConfiguration.Builder>} beans): the endpoint
	 * keeps one customizer, this one.
	 */
	@Bean
	AuthorizationServerCustomizer metadataDocuments(ProviderMetadata metadata,
			ObjectProvider<Consumer<OidcProviderConfiguration.Builder>> additions) {
		return (server, http) -> server
			.authorizationServerMetadataEndpoint(endpoint -> endpoint
				.authorizationServerMetadataCustomizer(document -> document.claims(metadata::oauth2)))
			.oidc(oidc -> oidc.providerConfigurationEndpoint(endpoint -> endpoint.providerConfigurationCustomizer(document -> {
				document.claims(metadata::openid);
				additions.orderedStream().forEach(addition -> addition.accept(document));
			})));
	}

}
