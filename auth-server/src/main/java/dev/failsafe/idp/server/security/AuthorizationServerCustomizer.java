package dev.failsafe.idp.server.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;

/**
 * A feature's part of the authorization server's filter chain: its handlers, converters and
 * providers on the endpoints it owns. {@link SecurityConfiguration} applies every such bean, in
 * {@link org.springframework.core.annotation.Order @Order}, after the protocol error handlers and
 * before its own entry points; so an entry point a feature adds for its requests comes first.
 *
 * <p>The configurer's list hooks ({@code authenticationProviders}, {@code ...Converters}) keep only
 * the last consumer set on an endpoint: one feature owns each endpoint's list.
 */
@FunctionalInterface
public interface AuthorizationServerCustomizer {

	/** Adds this feature's part to {@code server}, and if it must, to the chain around it. */
	void customize(OAuth2AuthorizationServerConfigurer server, HttpSecurity http);

}
