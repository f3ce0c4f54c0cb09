package dev.failsafe.idp.server.authorize;

import java.time.Clock;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.failsafe.idp.replication.keyring.SigningAlgorithm;
import dev.failsafe.idp.server.ProviderProperties;
import dev.failsafe.idp.server.authorizations.StoredAuthorizationService;
import dev.failsafe.idp.server.frontchannel.AuthorizationEndpointErrorHandler;
import dev.failsafe.idp.server.frontchannel.ExactRedirectUriValidator;
import dev.failsafe.idp.server.frontchannel.FrontChannelProperties;
import dev.failsafe.idp.server.frontchannel.FrontChannelRequestLimits;
import dev.failsafe.idp.server.frontchannel.ResolutionErrors;
import dev.failsafe.idp.server.protocol.ProtocolErrorResponder;
import dev.failsafe.idp.server.protocol.ProtocolErrors;
import dev.failsafe.idp.server.security.AuthorizationServerCustomizer;
import dev.failsafe.idp.server.security.FilterOrder;
import dev.failsafe.idp.server.tokens.TokenProperties;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2PushedAuthorizationRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The authorization endpoint's OpenID Connect request handling: the request resolved (request
 * object, pushed request, scopes) before Spring Security sees it, who must sign in and when
 * ({@link LoginRequirements}), the login page rendered by the endpoint itself, and the pushed
 * authorization request endpoint (RFC 9126).
 */
@Configuration(proxyBeanMethods = false)
class AuthorizeConfiguration {

	@Bean
	PendingAuthorizations pendingAuthorizations(AuthorizationServerSettings endpoints) {
		return new PendingAuthorizations(endpoints.getAuthorizationEndpoint());
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
		return FilterOrder.AUTHORIZATION_REQUEST_RESOLVER.register(new AuthorizationRequestResolver(clients,
				endpoints.getAuthorizationEndpoint(), endpoints.getPushedAuthorizationRequestEndpoint(), pushed,
				requestObjects));
	}

	/**
	 * {@code prompt}, {@code max_age} and {@code id_token_hint} decide whether the user must sign in
	 * (now); the authorization request waits in the session meanwhile, and the endpoint answers with
	 * the login page itself.
	 */
	@Bean
	AuthorizationServerCustomizer signInAtAuthorizationEndpoint(PendingAuthorizations pending,
			LoginPageForward loginPage, IdTokenHints hints, Clock clock, AuthorizationServerSettings endpoints) {
		return (server, http) -> http
			.addFilterBefore(
					new LoginRequirements(pending, loginPage, new AuthorizationEndpointErrorHandler(), hints, clock),
					AuthorizationFilter.class)
			.requestCache(cache -> cache.requestCache(pending.requestCache()))
			.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(loginPage,
					PathPatternRequestMatcher.withDefaults().matcher(endpoints.getAuthorizationEndpoint())));
	}

	/**
	 * RFC 9126: what a client pushes is checked as at the authorization endpoint (size, exact redirect
	 * URIs, what resolving it refused, scopes) and answered as JSON. Last, a push that no converter
	 * took (no {@code response_type}: Spring's converter leaves such a POST to the consent form) is
	 * {@code invalid_request}, not a request of nothing.
	 */
	@Bean
	AuthorizationServerCustomizer pushedAuthorizationRequests(ProtocolErrorResponder errors,
			FrontChannelProperties frontChannel) {
		FrontChannelRequestLimits limits = new FrontChannelRequestLimits(frontChannel);
		ExactRedirectUriValidator redirectUris = new ExactRedirectUriValidator();
		return (server, http) -> server.pushedAuthorizationRequestEndpoint(par -> par.errorResponseHandler(errors)
			.pushedAuthorizationRequestConverters(converters -> {
				converters.add(0, new ResolutionErrors());
				converters.add(0, limits);
				converters.add(request -> {
					throw new OAuth2AuthorizationCodeRequestAuthenticationException(
							ProtocolErrors.pushedRequestWithoutResponseType(), null);
				});
			})
			.authenticationProviders(providers -> providers.forEach(provider -> {
				if (provider instanceof OAuth2PushedAuthorizationRequestAuthenticationProvider pushed) {
					pushed.setAuthenticationValidator(redirectUris
						.andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR));
				}
			})));
	}

}
