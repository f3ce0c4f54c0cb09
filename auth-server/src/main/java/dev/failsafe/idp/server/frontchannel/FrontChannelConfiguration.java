package dev.failsafe.idp.server.frontchannel;

import java.util.List;

import dev.failsafe.idp.server.security.AuthorizationServerCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeRequestAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * The authorization endpoint's hardening (exact redirect URIs, errors redirected only to a trusted
 * redirect URI, the error page otherwise) and the size limits of front-channel requests, at the
 * authorization and the logout endpoint.
 */
@Configuration(proxyBeanMethods = false)
class FrontChannelConfiguration {

	@Bean
	AuthorizationServerCustomizer frontChannelHardening(RegisteredClientRepository clients) {
		ExactRedirectUriValidator redirectUris = new ExactRedirectUriValidator();
		FrontChannelRequestLimits limits = new FrontChannelRequestLimits();
		return (server, http) -> server
			.authorizationEndpoint(authorization -> authorization
				.errorResponseHandler(new AuthorizationEndpointErrorHandler())
				.authorizationRequestConverters(
						converters -> guardAuthorizationRequests(converters, limits, clients, redirectUris))
				.authenticationProviders(providers -> providers.forEach(provider -> {
					if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequests) {
						codeRequests.setAuthenticationValidator(redirectUris
							.andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR));
					}
				})))
			.oidc(oidc -> oidc
				.logoutEndpoint(logout -> logout.logoutRequestConverters(converters -> converters.add(0, limits))));
	}

	/**
	 * Size limits first; then Spring's parameter checks, wrapped so that their errors reach a client
	 * whose redirect URI can be trusted.
	 */
	private static void guardAuthorizationRequests(List<AuthenticationConverter> converters,
			FrontChannelRequestLimits limits, RegisteredClientRepository clients,
			ExactRedirectUriValidator redirectUris) {
		converters.replaceAll(converter -> (converter instanceof OAuth2AuthorizationCodeRequestAuthenticationConverter)
				? new AuthorizationErrorRedirect(converter, clients, redirectUris) : converter);
		converters.add(0, limits);
	}

}
