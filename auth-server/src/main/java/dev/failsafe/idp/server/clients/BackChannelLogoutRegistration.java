package dev.failsafe.idp.server.clients;

import java.util.Optional;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * A client's back-channel logout registration (OpenID Connect Back-Channel Logout 1.0 section 2.2),
 * carried in its client settings {@value #URI_SETTING} and {@value #SESSION_REQUIRED_SETTING} while in
 * memory; stored in columns of their own ({@link BackChannelLogoutColumns}).
 *
 * @param uri where the client receives logout tokens
 * @param sessionRequired whether it asked for {@code sid} in them
 */
public record BackChannelLogoutRegistration(String uri, boolean sessionRequired) {

	/** The client setting holding {@code backchannel_logout_uri} (a String). */
	public static final String URI_SETTING = "dev.failsafe.idp.backchannel-logout-uri";

	/** The client setting holding {@code backchannel_logout_session_required} (a Boolean). */
	public static final String SESSION_REQUIRED_SETTING = "dev.failsafe.idp.backchannel-logout-session-required";

	/** The client's registration, if it registered a back-channel logout URI. */
	public static Optional<BackChannelLogoutRegistration> of(RegisteredClient client) {
		if (!(client.getClientSettings().getSetting(URI_SETTING) instanceof String uri) || uri.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new BackChannelLogoutRegistration(uri,
				Boolean.TRUE.equals(client.getClientSettings().getSetting(SESSION_REQUIRED_SETTING))));
	}

}
