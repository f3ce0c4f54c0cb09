package dev.failsafe.idp.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.StringJoiner;

/**
 * HTTP/1.1 to the provider on loopback: one {@link HttpClient} (a connection pool, never following
 * redirects) shared by every load client, so each concurrent client keeps a connection open.
 */
public final class Http {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final URI base;

	private final HttpClient client;

	public Http(URI base) {
		this.base = base;
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	public URI base() {
		return this.base;
	}

	/** The shared client (HTTP/1.1, never following redirects). */
	public HttpClient client() {
		return this.client;
	}

	/** A request builder for a path (or an absolute URL the provider sent, such as a Location). */
	public HttpRequest.Builder request(String pathOrUrl) {
		return HttpRequest.newBuilder(this.base.resolve(pathOrUrl)).timeout(TIMEOUT);
	}

	public HttpResponse<String> get(String pathOrUrl, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = request(pathOrUrl).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build());
	}

	/** POSTs an encoded form body (see {@link #form}). */
	public HttpResponse<String> postForm(String path, String form, String... headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build());
	}

	public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** {@code Authorization: Basic} for client_secret_basic (RFC 6749 §2.3.1). */
	public static String[] basic(String clientId, String secret) {
		String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
				+ URLEncoder.encode(secret, StandardCharsets.UTF_8);
		return new String[] { "Authorization",
				"Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)) };
	}

	/** An encoded form body from names and values in pairs (a name may repeat), for {@link #postForm}. */
	public static String form(String... namesAndValues) {
		if (namesAndValues.length % 2 != 0) {
			throw new IllegalArgumentException("names and values come in pairs");
		}
		StringJoiner body = new StringJoiner("&");
		for (int i = 0; i < namesAndValues.length; i += 2) {
			body.add(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
		}
		return body.toString();
	}

	/** Fails unless the answer has the expected status. */
	public static HttpResponse<String> expect(HttpResponse<String> response, int status) {
		if (response.statusCode() != status) {
			throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
					+ " answered " + response.statusCode() + ", expected " + status + ": " + abbreviate(response.body()));
		}
		return response;
	}

	private static String abbreviate(String body) {
		return (body.length() > 300) ? body.substring(0, 300) + "..." : body;
	}

}
