package dev.failsafe.idp.server.logout;

import java.util.List;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OidcLogoutEndpointConfigurer;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * The authorization server's RP-initiated logout endpoint with our request handling in place of
 * Spring's (which requires {@code id_token_hint}): {@link LogoutRequestConverter},
 * {@link LogoutRequestValidator}, {@link LogoutRequestHandler}. Errors keep the endpoint's error page.
 */
public final class LogoutEndpoint {

	private final IdTokenHints hints;

	private final RegisteredClientRepository clients;

	LogoutEndpoint(IdTokenHints hints, RegisteredClientRepository clients) {
		this.hints = hints;
		this.clients = clients;
	}

	/** The endpoint's configuration; {@code first} (the request size limits) reads every request first. */
	public Customizer<OidcLogoutEndpointConfigurer> customizer(AuthenticationConverter first) {
		return logout -> logout
			.logoutRequestConverters(converters -> {
				converters.clear();
				converters.addAll(List.of(first, new LogoutRequestConverter()));
			})
			.authenticationProviders(providers -> {
				providers.clear();
				providers.add(new LogoutRequestValidator(this.hints, this.clients));
			})
			.logoutResponseHandler(new LogoutRequestHandler());
	}

}
