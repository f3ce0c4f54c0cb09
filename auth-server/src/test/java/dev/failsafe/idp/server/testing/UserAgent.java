package dev.failsafe.idp.server.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser without a browser: a cookie jar and an HTTP client that shows every redirect, so tests
 * can walk the login, consent and logout pages over real HTTP and assert each step.
 */
public final class UserAgent {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private final RunningProvider provider;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient http;

	private final String forwardedFor;

	public UserAgent(RunningProvider provider) {
		this(provider, null);
	}

	/**
	 * A user agent whose requests claim to come from {@code forwardedFor} (via X-Forwarded-For, which
	 * the provider believes from {@link RunningProvider#PROXY}), so tests can act from distinct source
	 * addresses.
	 */
	public UserAgent(RunningProvider provider, String forwardedFor) {
		this(provider, forwardedFor, null);
	}

	/**
	 * A user agent connecting from {@code localAddress} (a loopback address such as
	 * {@code 127.0.0.2}), whose requests carry X-Forwarded-For {@code forwardedFor} if not null.
	 */
	public UserAgent(RunningProvider provider, String forwardedFor, java.net.InetAddress localAddress) {
		this.provider = provider;
		this.forwardedFor = forwardedFor;
		HttpClient.Builder http = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5));
		if (localAddress != null) {
			http.localAddress(localAddress);
		}
		this.http = http.build();
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
			.POST(HttpRequest.BodyPublishers.ofString(encode(form)))
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
		assertThat(page.statusCode()).isEqualTo(200);
		return postForm("/login", Map.of("username", List.of(username), "password", List.of(password), "_csrf",
				List.of(csrfToken(page.body()))));
	}

	public Optional<String> cookie(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(cookie -> cookie.getName().equals(name))
			.map(java.net.HttpCookie::getValue)
			.findFirst();
	}

	public static String csrfToken(String html) {
		Matcher matcher = CSRF.matcher(html);
		assertThat(matcher.find()).as("page has a CSRF token").isTrue();
		return matcher.group(1);
	}

	public static String hiddenField(String html, String name) {
		Matcher matcher = Pattern.compile("name=\"" + Pattern.quote(name) + "\"\\s+value=\"([^\"]*)\"").matcher(html);
		assertThat(matcher.find()).as("page has hidden field %s", name).isTrue();
		return matcher.group(1).replace("&amp;", "&");
	}

	public static boolean isRedirect(HttpResponse<?> response) {
		return response.statusCode() >= 300 && response.statusCode() < 400;
	}

	public static String location(HttpResponse<?> response) {
		return response.headers().firstValue("Location").orElseThrow();
	}

	/** The query parameters of a redirect's target. */
	public static Map<String, String> redirectParameters(HttpResponse<?> response) {
		return UriComponentsBuilder.fromUriString(location(response))
			.build()
			.getQueryParams()
			.toSingleValueMap()
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey,
					entry -> java.net.URLDecoder.decode(entry.getValue(), StandardCharsets.UTF_8), (a, b) -> a,
					LinkedHashMap::new));
	}

	private URI resolve(String pathAndQuery) {
		return pathAndQuery.startsWith("http") ? URI.create(pathAndQuery) : this.provider.uri(pathAndQuery);
	}

	private HttpResponse<String> send(HttpRequest request) {
		if (this.forwardedFor != null) {
			request = HttpRequest.newBuilder(request, (name, value) -> true)
				.header("X-Forwarded-For", this.forwardedFor)
				.build();
		}
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String encode(Map<String, List<String>> form) {
		return form.entrySet()
			.stream()
			.flatMap(entry -> entry.getValue()
				.stream()
				.map(value -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(value, StandardCharsets.UTF_8)))
			.collect(Collectors.joining("&"));
	}

}
