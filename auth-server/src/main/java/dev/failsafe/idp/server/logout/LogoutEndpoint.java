package dev.failsafe.idp.server.logout;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OidcLogoutEndpointConfigurer;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The authorization server's RP-initiated logout endpoint with our request handling in place of
 * Spring's (which requires {@code id_token_hint}): {@link LogoutRequestConverter},
 * {@link LogoutRequestValidator}, {@link LogoutRequestHandler}. Errors keep the endpoint's error page.
 *
 * <p>Ours are added ahead of Spring's, not in place of them: the converter list belongs to the front
 * channel's size limits (which go first), and ours answers every request, so Spring's converter and
 * provider are never reached.
 */
final class LogoutEndpoint {

	private final IdTokenHints hints;

	private final RegisteredClientRepository clients;

	LogoutEndpoint(IdTokenHints hints, RegisteredClientRepository clients) {
		this.hints = hints;
		this.clients = clients;
	}

	/** The endpoint's configuration. */
	Customizer<OidcLogoutEndpointConfigurer> customizer() {
		return logout -> logout.logoutRequestConverter(new LogoutRequestConverter())
			.authenticationProvider(new LogoutRequestValidator(this.hints, this.clients))
			.logoutResponseHandler(new LogoutRequestHandler());
	}

}
