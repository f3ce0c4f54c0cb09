package dev.failsafe.idp.server.backchannel;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One back-channel logout request (OpenID Connect Back-Channel Logout 1.0 section 2.5): a form POST
 * of {@code logout_token} to the relying party's registered URI, bounded in time: connecting within
 * {@code connectTimeout}, the answer's status within {@code requestTimeout}; its body is never read
 * (a relying party that streams one forever holds nothing), and redirects are not followed (section
 * 2.8: the answer is 200, or an error).
 */
final class LogoutTokenPost {

	/**
	 * What came of a call.
	 *
	 * @param status the relying party's HTTP status, or 0 when there was no answer
	 * @param failure why there was no answer (connection refused, timeout), or null
	 */
	record Answer(int status, String failure) {

		/** Section 2.8: 200 OK (any 2xx is taken as done). */
		boolean delivered() {
			return this.status >= 200 && this.status < 300;
		}

		@Override
		public String toString() {
			return (this.failure != null) ? this.failure : "HTTP " + this.status;
		}

	}

	private final HttpClient http;

	private final Duration requestTimeout;

	LogoutTokenPost(Duration connectTimeout, Duration requestTimeout) {
		this.http = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.requestTimeout = requestTimeout;
	}

	Answer post(URI uri, String logoutToken) {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(this.requestTimeout)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("logout_token=" + URLEncoder.encode(logoutToken, StandardCharsets.UTF_8)))
			.build();
		try {
			HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream unread = response.body()) {
				return new Answer(response.statusCode(), null);
			}
		}
		catch (HttpTimeoutException ex) {
			return new Answer(0, "timed out");
		}
		catch (IOException | IllegalArgumentException ex) {
			return new Answer(0, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(0, "interrupted");
		}
	}

}
