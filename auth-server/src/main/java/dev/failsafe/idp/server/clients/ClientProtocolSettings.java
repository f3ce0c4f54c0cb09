package dev.failsafe.idp.server.clients;

import java.text.ParseException;
import java.util.Optional;

import com.nimbusds.jose.jwk.JWKSet;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * A client's protocol options beyond Spring's, stored as client settings (so in the
 * {@code client_settings} column) under these names:
 *
 * <ul>
 * <li>{@value #JWKS}: the public keys (a JWK Set, JSON) the client signs request objects with
 * (RFC 9101); without them the client cannot send one.</li>
 * <li>{@value #REQUIRE_PUSHED_AUTHORIZATION_REQUESTS}: the client must push its authorization
 * requests (RFC 9126 section 6, {@code require_pushed_authorization_requests}).</li>
 * <li>{@value #DPOP_BOUND_ACCESS_TOKENS}: the client must prove possession of a key at the token
 * endpoint, so its tokens are bound to it (RFC 9449 section 5.2, {@code dpop_bound_access_tokens}).</li>
 * </ul>
 */
public final class ClientProtocolSettings {

	public static final String JWKS = "dev.failsafe.idp.jwks";

	public static final String REQUIRE_PUSHED_AUTHORIZATION_REQUESTS = "dev.failsafe.idp.require-pushed-authorization-requests";

	public static final String DPOP_BOUND_ACCESS_TOKENS = "dev.failsafe.idp.dpop-bound-access-tokens";

	private ClientProtocolSettings() {
	}

	/** The client's registered public keys, if it registered any (never a private part). */
	public static Optional<JWKSet> keys(RegisteredClient client) {
		Object stored = client.getClientSettings().getSetting(JWKS);
		if (!(stored instanceof String json) || json.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(JWKSet.parse(json).toPublicJWKSet());
		}
		catch (ParseException ex) {
			return Optional.empty();
		}
	}

	public static boolean requiresPushedAuthorizationRequests(RegisteredClient client) {
		return Boolean.TRUE.equals(client.getClientSettings().getSetting(REQUIRE_PUSHED_AUTHORIZATION_REQUESTS));
	}

	public static boolean requiresDpop(RegisteredClient client) {
		return Boolean.TRUE.equals(client.getClientSettings().getSetting(DPOP_BOUND_ACCESS_TOKENS));
	}

}
