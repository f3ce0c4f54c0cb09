package dev.failsafe.idp.testing.signin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.failsafe.idp.testing.provider.Provider;

/**
 * A browser without a browser: a cookie jar and an HTTP client that shows every redirect, so tests
 * can walk the login, consent and logout pages over real HTTP and assert each step. Many agents may
 * share one {@link HttpClient} (its connections), each with its own cookies. A provider that cannot
 * be reached is an {@link UncheckedIOException}.
 */
public final class UserAgent {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final Provider provider;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient http;

	private final String forwardedFor;

	public UserAgent(Provider provider) {
		this(provider, (String) null);
	}

	/**
	 * A user agent whose requests claim to come from {@code forwardedFor} (via X-Forwarded-For, which a
	 * provider believes only from a proxy it trusts, {@code server.tomcat.remoteip.internal-proxies}),
	 * so tests can act from distinct source addresses.
	 */
	public UserAgent(Provider provider, String forwardedFor) {
		this(provider, newClient(), forwardedFor);
	}

	/** A user agent with its own cookies on a shared client (which must not follow redirects). */
	public UserAgent(Provider provider, HttpClient http) {
		this(provider, http, null);
	}

	/**
	 * A user agent on {@code http} (which must not follow redirects; one bound to a local address of
	 * its own, say) whose requests carry X-Forwarded-For {@code forwardedFor}, if not null.
	 */
	public UserAgent(Provider provider, HttpClient http, String forwardedFor) {
		this.provider = provider;
		this.http = http;
		this.forwardedFor = forwardedFor;
	}

	/** An HTTP client as user agents need it: no redirects followed, a short connect timeout. */
	public static HttpClient newClient() {
		return HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	public String issuer() {
		return this.provider.issuer();
	}

	public HttpResponse<String> get(String pathAndQuery) {
		return send(HttpRequest.newBuilder(resolve(pathAndQuery)).header("Accept", "text/html").GET().build());
	}

	public HttpResponse<String> postForm(String path, Map<String, List<String>> form) {
		return send(HttpRequest.newBuilder(resolve(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(Forms.encode(form)))
			.build());
	}

	/** Follows redirects that stay on the provider; returns the first response that is not one. */
	public HttpResponse<String> follow(HttpResponse<String> response) {
		HttpResponse<String> current = response;
		for (int hops = 0; hops < 10 && isRedirect(current); hops++) {
			String location = location(current);
			if (!location.startsWith(this.provider.issuer()) && !location.startsWith("/")) {
				return current;
			}
			current = get(location);
		}
		return current;
	}

	/** Signs in through the login form; returns the response to the form's POST. */
	public HttpResponse<String> submitLogin(String username, String password) {
		HttpResponse<String> page = get("/login");
		if (page.statusCode() != 200) {
			throw new Refused(page.statusCode(), "login page");
		}
		return postForm("/login", Map.of("username", List.of(username), "password", List.of(password), "_csrf",
				List.of(csrfToken(page.body()))));
	}

	public Optional<String> cookie(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(cookie -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst();
	}

	public static String csrfToken(String html) {
		return Forms.csrfToken(html);
	}

	public static String hiddenField(String html, String name) {
		return Forms.hiddenField(html, name);
	}

	public static boolean isRedirect(HttpResponse<?> response) {
		return response.statusCode() >= 300 && response.statusCode() < 400;
	}

	/** The {@code Location} header (empty when there is none). */
	public static String location(HttpResponse<?> response) {
		return response.headers().firstValue("Location").orElse("");
	}

	/** The query parameters of a redirect's target. */
	public static Map<String, String> redirectParameters(HttpResponse<?> response) {
		return Forms.queryParameters(location(response));
	}

	/** Whether {@code location} is the provider's login page (with or without a query). */
	public boolean isLoginPage(String location) {
		return location.startsWith("/login") || location.startsWith(this.provider.issuer() + "/login");
	}

	/** An absolute URI for a path on the provider or a URL it sent. */
	public URI resolve(String pathAndQuery) {
		return pathAndQuery.startsWith("http") ? URI.create(pathAndQuery) : this.provider.uri(pathAndQuery);
	}

	private HttpResponse<String> send(HttpRequest request) {
		HttpRequest.Builder withHeaders = HttpRequest.newBuilder(request, (name, value) -> true).timeout(TIMEOUT);
		if (this.forwardedFor != null) {
			withHeaders.header("X-Forwarded-For", this.forwardedFor);
		}
		try {
			for (Map.Entry<String, List<String>> header : this.cookies.get(request.uri(), Map.of()).entrySet()) {
				for (String value : header.getValue()) {
					withHeaders.header(header.getKey(), value);
				}
			}
			HttpResponse<String> response = this.http.send(withHeaders.build(), HttpResponse.BodyHandlers.ofString());
			this.cookies.put(request.uri(), response.headers().map());
			return response;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
