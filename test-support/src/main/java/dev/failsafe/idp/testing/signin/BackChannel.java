package dev.failsafe.idp.testing.signin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.provider.Provider;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client's back channel to the provider: form posts to the token, introspection and revocation
 * endpoints with client authentication, and bearer calls (to the provider or any API), answering
 * status plus parsed JSON. A provider that cannot be reached is an {@link UncheckedIOException}.
 */
public final class BackChannel {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final Provider provider;

	private final HttpClient http;

	public BackChannel(Provider provider) {
		this(provider, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
	}

	public BackChannel(Provider provider, HttpClient http) {
		this.provider = provider;
		this.http = http;
	}

	/** An endpoint's answer: status, headers and the JSON body (empty map if not JSON). */
	public record Reply(int status, Map<String, Object> json, HttpResponse<String> raw) {

		public String string(String name) {
			return (String) this.json.get(name);
		}

		/** This reply if its status is {@code expected}, else a {@link Refused} naming {@code what}. */
		public Reply expect(int expected, String what) {
			if (this.status != expected) {
				String body = this.raw.body();
				throw new Refused(this.status, what + ": " + ((body.length() > 300) ? body.substring(0, 300) : body));
			}
			return this;
		}

	}

	/** POSTs a form with HTTP Basic client authentication (null id: none). */
	public Reply postBasic(String path, String clientId, String secret, Map<String, List<String>> form) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.provider.uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(Forms.encode(form)));
		if (clientId != null) {
			request.header("Authorization", basic(clientId, secret));
		}
		return send(request.build());
	}

	/** An access token by client_credentials (client_secret_basic); a {@link Refused} unless 200. */
	public String clientCredentials(String clientId, String secret, String scope) {
		Map<String, List<String>> form = (scope != null)
				? Map.of("grant_type", List.of("client_credentials"), "scope", List.of(scope))
				: Map.of("grant_type", List.of("client_credentials"));
		return postBasic("/oauth2/token", clientId, secret, form).expect(200, "client_credentials")
			.string("access_token");
	}

	/** The status of an unauthenticated GET (a health probe, say). */
	public int status(String path) {
		return send(HttpRequest.newBuilder(this.provider.uri(path)).GET().build()).status();
	}

	public Reply getBearer(String path, String accessToken) {
		return bearer("GET", this.provider.uri(path), accessToken, null);
	}

	/** A call with a bearer token to any URI (the admin API, a partner API), with a JSON body or none. */
	public Reply bearer(String method, URI uri, String accessToken, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + accessToken);
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return send(request
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody())
			.build());
	}

	public Reply send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(request, (name, value) -> true)
				.timeout(request.timeout().orElse(TIMEOUT))
				.build(), HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), parse(response), response);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** {@code Authorization: Basic} of a client id and secret, as they are. */
	public static String basic(String clientId, String secret) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

	private static Map<String, Object> parse(HttpResponse<String> response) {
		String type = response.headers().firstValue("Content-Type").orElse("");
		if (!type.contains("json") || response.body().isBlank()) {
			return Map.of();
		}
		return JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() {
		});
	}

}
