package dev.failsafe.idp.server.tokens;

import dev.failsafe.idp.server.security.AuthorizationServerCustomizer;
import dev.failsafe.idp.server.users.UserDirectory;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * How our tokens are made (the authorization server picks the generator up as a bean): JWTs shaped
 * by {@link TokenClaimsCustomizer}, only for users still active ({@link ActiveUsersOnly}), and
 * refresh tokens whose family has an absolute lifetime ({@link FamilyLifetimeRefreshTokens}).
 */
@Configuration(proxyBeanMethods = false)
class TokensConfiguration {

	/** First the admin-scope rule and the active-user rule (each may refuse the token), then the claims. */
	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> tokenClaimsCustomizer(UserDirectory users, TokenProperties tokens) {
		OAuth2TokenCustomizer<JwtEncodingContext> adminRule = new OperatorOnlyAdminScope();
		OAuth2TokenCustomizer<JwtEncodingContext> activeUsers = new ActiveUsersOnly(users);
		OAuth2TokenCustomizer<JwtEncodingContext> claims = new TokenClaimsCustomizer(users, tokens);
		return context -> {
			adminRule.customize(context);
			activeUsers.customize(context);
			claims.customize(context);
		};
	}

	@Bean
	OAuth2TokenGenerator<OAuth2Token> tokenGenerator(JwtEncoder encoder,
			OAuth2TokenCustomizer<JwtEncodingContext> customizer) {
		JwtGenerator jwts = new JwtGenerator(encoder);
		jwts.setJwtCustomizer(customizer);
		return new DelegatingOAuth2TokenGenerator(jwts, new OAuth2AccessTokenGenerator(),
				new FamilyLifetimeRefreshTokens());
	}

	/** Counts every token the token endpoint issues. */
	@Bean
	AuthorizationServerCustomizer issuedTokenCounter(MeterRegistry meters) {
		return (server, http) -> server
			.tokenEndpoint(token -> token.accessTokenResponseHandler(new IssuedTokenCounter(meters)));
	}

}
