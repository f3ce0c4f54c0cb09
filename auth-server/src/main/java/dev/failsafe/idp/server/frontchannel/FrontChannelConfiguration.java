package dev.failsafe.idp.server.frontchannel;

import java.util.List;

import dev.failsafe.idp.server.consent.PromptConsent;
import dev.failsafe.idp.server.security.AuthorizationServerCustomizer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeRequestAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.util.unit.DataSize;

/**
 * The authorization endpoint's hardening (exact redirect URIs, errors redirected only to a trusted
 * redirect URI, the error page otherwise), when it asks for consent ({@link PromptConsent}), and the
 * size limits of front-channel requests ({@link FrontChannelProperties}), at the authorization and
 * the logout endpoint.
 */
@Configuration(proxyBeanMethods = false)
class FrontChannelConfiguration {

	/** Tomcat's header limits leave room for the largest authorization request and its redirect. */
	@Bean
	FrontChannelLimitsCheck frontChannelLimitsCheck(FrontChannelProperties limits,
			@Value("${server.max-http-request-header-size:8KB}") DataSize requestHeaderSize,
			@Value("${server.tomcat.max-http-response-header-size:8KB}") DataSize responseHeaderSize) {
		return new FrontChannelLimitsCheck(limits, requestHeaderSize, responseHeaderSize);
	}

	/**
	 * The converters, validators and handlers here are no beans: Spring Security would pick an
	 * {@code AuthenticationConverter} bean up for every chain's bearer tokens.
	 */
	@Bean
	AuthorizationServerCustomizer frontChannelHardening(RegisteredClientRepository clients,
			FrontChannelProperties frontChannel) {
		FrontChannelRequestLimits limits = new FrontChannelRequestLimits(frontChannel);
		ExactRedirectUriValidator redirectUris = new ExactRedirectUriValidator();
		AuthorizationEndpointErrorHandler errors = new AuthorizationEndpointErrorHandler();
		return (server, http) -> server
			.authorizationEndpoint(authorization -> authorization.errorResponseHandler(errors)
				.authorizationRequestConverters(
						converters -> guardAuthorizationRequests(converters, limits, clients, redirectUris))
				.authenticationProviders(providers -> providers.forEach(provider -> {
					if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequests) {
						codeRequests.setAuthenticationValidator(redirectUris
							.andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR));
						codeRequests.setAuthorizationConsentRequired(new PromptConsent());
					}
				})))
			.oidc(oidc -> oidc
				.logoutEndpoint(logout -> logout.logoutRequestConverters(converters -> converters.add(0, limits))));
	}

	/**
	 * Size limits first; then what resolving the request refused, and Spring's parameter checks,
	 * wrapped so that their errors reach a client whose redirect URI can be trusted.
	 */
	private static void guardAuthorizationRequests(List<AuthenticationConverter> converters,
			FrontChannelRequestLimits limits, RegisteredClientRepository clients,
			ExactRedirectUriValidator redirectUris) {
		converters.replaceAll(converter -> (converter instanceof OAuth2AuthorizationCodeRequestAuthenticationConverter)
				? new AuthorizationErrorRedirect(converter, clients, redirectUris) : converter);
		converters.add(0, new AuthorizationErrorRedirect(new ResolutionErrors(), clients, redirectUris));
		converters.add(0, limits);
	}

}
