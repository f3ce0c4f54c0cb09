package dev.failsafe.idp.admin.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin REST API over {@code java.net.http}: one access token by client_credentials
 * ({@code scope=admin}, client_secret_basic) at {@code <issuer>/oauth2/token}, then
 * {@code <issuer>/admin/...} calls with it. Failures become {@link CliException}s with one-line
 * messages; neither the secret nor the token ever appears in one.
 */
final class AdminApi {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http;

	private final AdminSettings settings;

	private final Duration timeout;

	private String accessToken;

	AdminApi(HttpClient http, AdminSettings settings, Duration timeout) {
		this.http = http;
		this.settings = settings;
		this.timeout = timeout;
	}

	/** An answer of the admin API: a 2xx status and its body as sent. */
	record Answer(int status, String body) {

		JsonNode json() {
			return parse(this.body);
		}

	}

	Answer get(String path) {
		return call("GET", path, null);
	}

	Answer post(String path, JsonNode body) {
		return call("POST", path, body);
	}

	Answer put(String path, JsonNode body) {
		return call("PUT", path, body);
	}

	Answer delete(String path) {
		return call("DELETE", path, null);
	}

	/** A path segment, encoded (a client id may hold characters a path cannot). */
	static String segment(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private Answer call(String method, String path, JsonNode body) {
		URI uri = URI.create(this.settings.issuer() + path);
		HttpRequest.BodyPublisher publisher = (body != null)
				? HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))
				: HttpRequest.BodyPublishers.noBody();
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(this.timeout)
			.header("Authorization", "Bearer " + token())
			.header("Accept", "application/json, application/problem+json")
			.method(method, publisher);
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		HttpResponse<String> response = send(request.build());
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			return new Answer(status, response.body());
		}
		String detail = problemDetail(response);
		String where = method + " " + path;
		if (status == 401) {
			throw new CliException.AuthRefused("the admin API refused the access token (" + where + "): " + detail);
		}
		if (status == 403) {
			throw new CliException.AuthRefused("not allowed (" + where + "): " + detail + " Client '"
					+ this.settings.clientId() + "' needs the admin scope.");
		}
		throw new CliException.ApiProblem(status, detail + " (HTTP " + status + ", " + where + ")");
	}

	private String token() {
		if (this.accessToken != null) {
			return this.accessToken;
		}
		URI tokenEndpoint = URI.create(this.settings.issuer() + "/oauth2/token");
		String credentials = form(this.settings.clientId()) + ":" + form(this.settings.clientSecret());
		HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
			.timeout(this.timeout)
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=admin"))
			.build();
		HttpResponse<String> response = send(request);
		int status = response.statusCode();
		JsonNode answer = parseOrNull(response.body());
		if (status == 200 && answer != null && answer.path("access_token").isString()) {
			this.accessToken = answer.path("access_token").stringValue();
			return this.accessToken;
		}
		if ((status == 400 || status == 401) && answer != null && answer.path("error").isString()) {
			String error = answer.path("error").stringValue();
			String description = answer.path("error_description").asString("");
			throw new CliException.AuthRefused("token refused by " + tokenEndpoint + ": " + error
					+ (description.isBlank() ? "" : " (" + description + ")") + hint(error));
		}
		throw new CliException.ApiProblem(status, "unexpected answer from " + tokenEndpoint + " (HTTP " + status
				+ "): is " + this.settings.issuer() + " the provider's issuer?");
	}

	private String hint(String error) {
		return switch (error) {
			case "invalid_client" -> "; check the client id '" + this.settings.clientId() + "' and its secret";
			case "invalid_scope", "unauthorized_client" -> "; client '" + this.settings.clientId()
					+ "' may not get an admin token by client_credentials";
			default -> "";
		};
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (HttpConnectTimeoutException ex) {
			throw unreachable("connection timed out after " + this.timeout.toSeconds() + "s");
		}
		catch (HttpTimeoutException ex) {
			throw unreachable("no answer within " + this.timeout.toSeconds() + "s");
		}
		catch (ConnectException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
				throw unreachable("unknown host");
			}
			throw unreachable("connection refused");
		}
		catch (IOException ex) {
			throw unreachable((ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unreachable("interrupted");
		}
	}

	private CliException.Unreachable unreachable(String reason) {
		return new CliException.Unreachable("cannot reach " + this.settings.issuer() + ": " + reason);
	}

	/** The problem's {@code detail}, else its {@code title}, else the status alone. */
	private static String problemDetail(HttpResponse<String> response) {
		JsonNode problem = parseOrNull(response.body());
		if (problem != null) {
			for (String member : new String[] { "detail", "title", "error_description", "error" }) {
				if (problem.path(member).isString() && !problem.path(member).stringValue().isBlank()) {
					return problem.path(member).stringValue();
				}
			}
		}
		return "the server answered HTTP " + response.statusCode() + ".";
	}

	static JsonNode parse(String body) {
		JsonNode node = parseOrNull(body);
		if (node == null) {
			throw new CliException.ApiProblem(0, "the server's answer is not JSON");
		}
		return node;
	}

	private static JsonNode parseOrNull(String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/** RFC 6749 §2.3.1: the id and secret are form-encoded before Basic encoding. */
	private static String form(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
