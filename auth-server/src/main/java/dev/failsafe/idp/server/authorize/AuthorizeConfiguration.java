package dev.failsafe.idp.server.authorize;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.failsafe.idp.replication.keyring.SigningAlgorithm;
import java.time.Clock;

import dev.failsafe.idp.server.ProviderProperties;
import dev.failsafe.idp.server.authorizations.StoredAuthorizationService;
import dev.failsafe.idp.server.tokens.TokenProperties;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/** The authorization endpoint's OpenID Connect request handling. */
@Configuration(proxyBeanMethods = false)
class AuthorizeConfiguration {

	/** The page a user signs in on. */
	static final String LOGIN_PAGE = "/login";

	@Bean
	PendingAuthorizations pendingAuthorizations(AuthorizationServerSettings endpoints) {
		return new PendingAuthorizations(endpoints.getAuthorizationEndpoint());
	}

	@Bean
	LoginPageForward loginPageForward() {
		return new LoginPageForward(LOGIN_PAGE);
	}

	/** Our ID tokens, verified by signature and issuer only (a hint may have expired). */
	@Bean
	IdTokenHints idTokenHints(JWKSource<SecurityContext> jwkSource, ProviderProperties provider) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource).jwsAlgorithms(algorithms -> {
			for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
				algorithms.add(SignatureAlgorithm.from(algorithm.name()));
			}
		}).build();
		decoder.setJwtValidator(new JwtIssuerValidator(provider.issuer().toString()));
		return new IdTokenHints(decoder);
	}

	@Bean
	PushedRequests pushedRequests(StoredAuthorizationService authorizations, Clock clock) {
		return new PushedRequests(authorizations, clock);
	}

	@Bean
	RequestObjects requestObjects(ProviderProperties provider, Clock clock, TokenProperties tokens) {
		return new RequestObjects(provider.issuer().toString(), clock, tokens.clockSkew());
	}

	/**
	 * Before Spring Security (and after the endpoint guard and CORS), at the authorization endpoint
	 * and the pushed authorization request endpoint only.
	 */
	@Bean
	FilterRegistrationBean<AuthorizationRequestResolver> authorizationRequestResolver(RegisteredClientRepository clients,
			AuthorizationServerSettings endpoints, PushedRequests pushed, RequestObjects requestObjects) {
		FilterRegistrationBean<AuthorizationRequestResolver> registration = new FilterRegistrationBean<>(
				new AuthorizationRequestResolver(clients, endpoints.getAuthorizationEndpoint(),
						endpoints.getPushedAuthorizationRequestEndpoint(), pushed, requestObjects));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
		return registration;
	}

}
