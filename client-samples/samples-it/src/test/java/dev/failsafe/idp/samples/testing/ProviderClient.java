package dev.failsafe.idp.samples.testing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.text.ParseException;

import com.nimbusds.jose.jwk.JWKSet;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.provider.Provider;
import dev.failsafe.idp.testing.signin.BackChannel;

/**
 * What the samples' tests ask of a real provider, over the test kit's {@link BackChannel}:
 * client_credentials tokens for the demo clients, its JWKS, and an emergency key rotation and a
 * user's revocation through the admin API.
 */
public final class ProviderClient {

	private final Provider provider;

	private final BackChannel backChannel;

	public ProviderClient(URI issuer) {
		this.provider = Provider.at(issuer.toString());
		this.backChannel = new BackChannel(this.provider);
	}

	/** An access token by client_credentials (client_secret_basic). */
	public String clientCredentials(String clientId, String secret, String scope) {
		return this.backChannel.clientCredentials(clientId, secret, scope);
	}

	/** The demo partner client's token with these scopes. */
	public String partnerToken(String scope) {
		return clientCredentials(Demo.PARTNER_API, Demo.PARTNER_API_SECRET, scope);
	}

	/** The demo operators' client's token (scope {@code admin}). */
	public String adminToken() {
		return clientCredentials(Demo.ADMIN, Demo.ADMIN_SECRET, Demo.ADMIN_SCOPE);
	}

	/** Emergency rotation (a new RS256 key signs at once; the old one stays published); its kid. */
	public String rotateSigningKey() {
		return this.backChannel
			.bearer("POST", this.provider.uri("/admin/keys/rotate"), adminToken(), "{\"algorithm\":\"RS256\"}")
			.expect(201, "rotation")
			.string("kid");
	}

	/** An operator signs {@code username} out everywhere ({@code /admin/users/{username}/revoke-sessions}). */
	public void revokeSessions(String username) {
		this.backChannel
			.bearer("POST", this.provider.uri("/admin/users/" + username + "/revoke-sessions"), adminToken(), null)
			.expect(200, "revoke sessions");
	}

	public JWKSet jwks() {
		try {
			return JWKSet.parse(this.backChannel.send(HttpRequest.newBuilder(this.provider.uri("/oauth2/jwks")).build())
				.expect(200, "jwks")
				.raw()
				.body());
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
