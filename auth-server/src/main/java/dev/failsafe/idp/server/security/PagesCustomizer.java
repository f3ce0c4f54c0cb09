package dev.failsafe.idp.server.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * A feature's part of the pages' filter chain (the one for every request no other chain takes): the
 * pages it opens to anyone ({@code authorizeHttpRequests(... permitAll())}), its form or logout
 * handling. {@link SecurityConfiguration} applies every such bean, in
 * {@link org.springframework.core.annotation.Order @Order}; any request none of them opens then needs
 * a signed-in user.
 */
@FunctionalInterface
public interface PagesCustomizer {

	/** Adds this feature's part to the pages' chain. */
	void customize(HttpSecurity http);

}
