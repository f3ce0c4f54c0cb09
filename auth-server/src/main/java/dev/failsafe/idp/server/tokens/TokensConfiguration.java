package dev.failsafe.idp.server.tokens;

import dev.failsafe.idp.server.users.JdbcUserDirectory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/** How our JWTs are shaped (the authorization server picks the customizer up as a bean). */
@Configuration(proxyBeanMethods = false)
class TokensConfiguration {

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> tokenClaimsCustomizer(JdbcUserDirectory users, TokenProperties tokens) {
		return new TokenClaimsCustomizer(users, tokens);
	}

}
