package dev.failsafe.idp.samples.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * What the samples' tests ask of a real provider: client_credentials tokens for the demo clients,
 * its JWKS, and an emergency key rotation through the admin API.
 */
public final class ProviderClient {

	public static final String PARTNER_CLIENT = "demo-partner-api";

	public static final String PARTNER_SECRET = "demo-partner-api-secret";

	public static final String ADMIN_CLIENT = "demo-admin";

	public static final String ADMIN_SECRET = "demo-admin-secret";

	private final URI issuer;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	public ProviderClient(URI issuer) {
		this.issuer = issuer;
	}

	/** An access token by client_credentials (client_secret_basic). */
	public String clientCredentials(String clientId, String secret, String scope) {
		Map<String, Object> answer = send(HttpRequest.newBuilder(this.issuer.resolve("/oauth2/token"))
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope.replace(" ", "+"))),
				200);
		return (String) answer.get("access_token");
	}

	/** The demo partner client's token with these scopes. */
	public String partnerToken(String scope) {
		return clientCredentials(PARTNER_CLIENT, PARTNER_SECRET, scope);
	}

	/** Emergency rotation (a new RS256 key signs at once; the old one stays published); its kid. */
	public String rotateSigningKey() {
		String admin = clientCredentials(ADMIN_CLIENT, ADMIN_SECRET, "admin");
		Map<String, Object> key = send(HttpRequest.newBuilder(this.issuer.resolve("/admin/keys/rotate"))
			.header("Authorization", "Bearer " + admin)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"algorithm\":\"RS256\"}")), 201);
		return (String) key.get("kid");
	}

	public JWKSet jwks() {
		try {
			return JWKSet.parse(send(HttpRequest.newBuilder(this.issuer.resolve("/oauth2/jwks")).GET(), 200));
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Map<String, Object> send(HttpRequest.Builder request, int expectedStatus) {
		try {
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != expectedStatus) {
				throw new IllegalStateException(request.build().uri() + " answered " + response.statusCode() + ": "
						+ response.body());
			}
			return JSONObjectUtils.parse(response.body());
		}
		catch (IOException | ParseException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
