package dev.failsafe.idp.server.security;

import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration;

/**
 * A feature's part of the OpenID Provider metadata ({@code /.well-known/openid-configuration}): what
 * it adds or takes away. {@link SecurityConfiguration} applies every such bean, in
 * {@link org.springframework.core.annotation.Order @Order}, through the endpoint's one customizer
 * hook (which keeps only the last consumer set on it): so no feature sets that hook itself.
 */
@FunctionalInterface
public interface ProviderMetadataCustomizer {

	/** Adds this feature's metadata to {@code metadata}. */
	void customize(OidcProviderConfiguration.Builder metadata);

}
