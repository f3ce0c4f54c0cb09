package dev.failsafe.idp.server.testing;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.server.demo.DemoTenant;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client's back channel to the provider: form posts to the token, introspection and revocation
 * endpoints with client authentication, and bearer calls, answering status plus parsed JSON.
 */
public final class BackChannel {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RunningProvider provider;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	public BackChannel(RunningProvider provider) {
		this.provider = provider;
	}

	/** An endpoint's answer: status, headers and the JSON body (empty map if not JSON). */
	public record Reply(int status, Map<String, Object> json, HttpResponse<String> raw) {

		public String string(String name) {
			return (String) this.json.get(name);
		}

	}

	/** POSTs a form with HTTP Basic client authentication (null id: none). */
	public Reply postBasic(String path, String clientId, String secret, Map<String, List<String>> form) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.provider.uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(UserAgent.encode(form)));
		if (clientId != null) {
			request.header("Authorization", basic(clientId, secret));
		}
		return send(request.build());
	}

	/** An access token with the admin scope, for the demo tenant's operators' client. */
	public String adminToken() {
		Reply token = postBasic("/oauth2/token", DemoTenant.ADMIN, DemoTenant.ADMIN_SECRET,
				Map.of("grant_type", List.of("client_credentials"), "scope", List.of(DemoTenant.ADMIN_SCOPE)));
		assertThat(token.status()).as(token.raw().body()).isEqualTo(200);
		return token.string("access_token");
	}

	/** A call to the admin API with a fresh admin token; {@code json} is the body, or null for none. */
	public Reply admin(String method, String path, String json) {
		return send(HttpRequest.newBuilder(this.provider.uri(path))
			.header("Authorization", "Bearer " + adminToken())
			.header("Content-Type", "application/json")
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json)
					: HttpRequest.BodyPublishers.noBody())
			.build());
	}

	/** The status of an unauthenticated GET (a health probe, say). */
	public int status(String path) {
		return send(HttpRequest.newBuilder(this.provider.uri(path)).GET().build()).status();
	}

	public Reply getBearer(String path, String accessToken) {
		return send(HttpRequest.newBuilder(this.provider.uri(path))
			.header("Authorization", "Bearer " + accessToken)
			.GET()
			.build());
	}

	public Reply send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), parse(response), response);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

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
