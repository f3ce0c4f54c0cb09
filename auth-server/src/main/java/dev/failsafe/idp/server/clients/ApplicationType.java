package dev.failsafe.idp.server.clients;

import java.util.Arrays;
import java.util.Optional;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * A client's kind of application, named as OpenID Connect Dynamic Client Registration 1.0 section 2
 * names it ({@code application_type}), stored as the client setting {@value #SETTING}. A client
 * without the setting is {@link #WEB}.
 */
public enum ApplicationType {

	/** A web application (a server-side app or a browser SPA): redirect URIs match exactly. */
	WEB("web"),

	/**
	 * A native application (RFC 8252): a public client whose loopback redirect URIs may name any
	 * port (section 7.3), since the app listens on whichever port is free.
	 */
	NATIVE("native");

	/** The client setting that holds the value (a String). */
	public static final String SETTING = "dev.failsafe.idp.application-type";

	private final String value;

	ApplicationType(String value) {
		this.value = value;
	}

	/** The name in the admin API and in OIDC Registration. */
	public String value() {
		return this.value;
	}

	/** The type named {@code value}, if it names one. */
	public static Optional<ApplicationType> from(String value) {
		return Arrays.stream(values()).filter(type -> type.value.equals(value)).findFirst();
	}

	/** The type of a registered client ({@link #WEB} when unset or unknown). */
	public static ApplicationType of(RegisteredClient client) {
		Object stored = client.getClientSettings().getSetting(SETTING);
		return (stored instanceof String value) ? from(value).orElse(WEB) : WEB;
	}

}
