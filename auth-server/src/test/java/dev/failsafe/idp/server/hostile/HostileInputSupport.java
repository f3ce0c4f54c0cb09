package dev.failsafe.idp.server.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.testing.signin.UserAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the hostile-input tests: the shared provider (one context for all), a raw HTTP client that
 * shows every response as it is, form and query builders that allow duplicated or odd parameters,
 * and a signed-in user who has already consented, so tests can get codes and tokens cheaply.
 */
abstract class HostileInputSupport extends ProviderIntegrationTest {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static Grants grants;

	/** Codes and tokens for the demo shop, from one user agent that signs in once per test run. */
	protected Grants grants() {
		synchronized (HostileInputSupport.class) {
			if (grants == null) {
				UserAgent agent = newUserAgent();
				grants = new Grants(agent, codeFlow(agent));
			}
			return grants;
		}
	}

	/** A request to the provider, to finish and {@link #send}. */
	protected static HttpRequest.Builder request(String pathAndQuery) {
		return HttpRequest.newBuilder(PROVIDER.uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
	}

	protected static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Sends {@code request} and reads the answer as a back-channel reply (JSON parsed). */
	protected BackChannel.Reply reply(HttpRequest.Builder request) {
		return this.backChannel.send(request.build());
	}

	/** A form POST with Basic client authentication (none when {@code clientId} is null). */
	protected BackChannel.Reply postForm(String path, String clientId, String secret, String form) {
		HttpRequest.Builder request = request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (clientId != null) {
			request.header("Authorization", BackChannel.basic(clientId, secret));
		}
		return reply(request);
	}

	/** {@code name=value&...} from alternating names and values, encoded; names may repeat. */
	protected static String form(String... namesAndValues) {
		assertThat(namesAndValues.length % 2).as("names and values come in pairs").isZero();
		List<String> pairs = new ArrayList<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			pairs.add(encode(namesAndValues[i]) + "=" + encode(namesAndValues[i + 1]));
		}
		return String.join("&", pairs);
	}

	/** Whether the provider still considers {@code token} active (asked by the partner API). */
	protected boolean active(String token) {
		BackChannel.Reply introspection = postForm("/oauth2/introspect", Demo.PARTNER_API,
				Demo.PARTNER_API_SECRET, form("token", token));
		assertThat(introspection.status()).as(introspection.raw().body()).isEqualTo(200);
		return Boolean.TRUE.equals(introspection.json().get("active"));
	}

	/** A client-credentials access token of the partner API (no user, no openid scope). */
	protected String partnerAccessToken() {
		BackChannel.Reply reply = postForm("/oauth2/token", Demo.PARTNER_API, Demo.PARTNER_API_SECRET,
				form("grant_type", "client_credentials", "scope", "orders.read"));
		assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
		return reply.string("access_token");
	}

	/** An access token of the demo tenant's operator client, with the admin scope. */
	protected String adminToken() {
		BackChannel.Reply reply = postForm("/oauth2/token", Demo.ADMIN, Demo.ADMIN_SECRET,
				form("grant_type", "client_credentials", "scope", Demo.ADMIN_SCOPE));
		assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
		return reply.string("access_token");
	}

	/** An admin API call with a JSON body (none when null). */
	protected BackChannel.Reply adminCall(String token, String method, String path, String json) {
		return reply(request(path).header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody()));
	}

	/** The shop's token request redeeming {@code code}, with its own verifier and redirect URI. */
	protected static String exchange(Grants.IssuedCode code) {
		return form("grant_type", "authorization_code", "code", code.value(), "redirect_uri",
				Demo.SHOP_REDIRECT_URI, "code_verifier", code.pkce().verifier());
	}

	protected static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
