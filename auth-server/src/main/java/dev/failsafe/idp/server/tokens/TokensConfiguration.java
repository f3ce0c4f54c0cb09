package dev.failsafe.idp.server.tokens;

import dev.failsafe.idp.server.users.JdbcUserDirectory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/** How our JWTs are shaped (the authorization server picks the customizer up as a bean). */
@Configuration(proxyBeanMethods = false)
class TokensConfiguration {

	/** First the admin-scope rule (it may refuse the token), then the claims. */
	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> tokenClaimsCustomizer(JdbcUserDirectory users, TokenProperties tokens) {
		OAuth2TokenCustomizer<JwtEncodingContext> adminRule = new OperatorOnlyAdminScope();
		OAuth2TokenCustomizer<JwtEncodingContext> claims = new TokenClaimsCustomizer(users, tokens);
		return context -> {
			adminRule.customize(context);
			claims.customize(context);
		};
	}

}
