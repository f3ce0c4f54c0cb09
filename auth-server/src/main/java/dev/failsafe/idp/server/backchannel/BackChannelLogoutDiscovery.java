package dev.failsafe.idp.server.backchannel;

import dev.failsafe.idp.server.security.ProviderMetadataCustomizer;

import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration;

/**
 * Advertises back-channel logout in the OpenID Provider metadata (OpenID Connect Back-Channel Logout
 * 1.0 section 2.1): {@code backchannel_logout_supported} and
 * {@code backchannel_logout_session_supported} (every logout token carries {@code sid}, and every ID
 * token the same {@code sid}).
 */
final class BackChannelLogoutDiscovery implements ProviderMetadataCustomizer {

	@Override
	public void customize(OidcProviderConfiguration.Builder metadata) {
		metadata.claim("backchannel_logout_supported", true).claim("backchannel_logout_session_supported", true);
	}

}
