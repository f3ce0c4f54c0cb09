package dev.failsafe.idp.samples.shop.login;

import java.util.Map;

import dev.failsafe.idp.samples.shop.ShopProperties;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;

/**
 * The shop's registration with the provider, from {@link ShopProperties}. Spring Boot's own
 * {@code issuer-uri} would fetch the provider's discovery document at start, so a shop restarted
 * during an outage would not start at all; the provider's endpoints are fixed paths under its
 * issuer (as its discovery document says), so they are written down here instead.
 */
final class ProviderRegistration {

	static final String REGISTRATION_ID = "demo";

	private ProviderRegistration() {
	}

	static ClientRegistration of(ShopProperties shop) {
		return ClientRegistration.withRegistrationId(REGISTRATION_ID)
			.clientName("Failsafe ID")
			.clientId(shop.clientId())
			.clientSecret(shop.clientSecret())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.scope(shop.scopes())
			.issuerUri(shop.issuer().toString())
			.authorizationUri(shop.endpoint("/oauth2/authorize"))
			.tokenUri(shop.endpoint("/oauth2/token"))
			.jwkSetUri(shop.endpoint("/oauth2/jwks"))
			.userInfoUri(shop.endpoint("/userinfo"))
			.userNameAttributeName(IdTokenClaimNames.SUB)
			.providerConfigurationMetadata(Map.of("end_session_endpoint", shop.endpoint("/connect/logout")))
			.build();
	}

}
