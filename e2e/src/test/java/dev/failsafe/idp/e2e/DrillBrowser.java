package dev.failsafe.idp.e2e;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A shopper's browser and the shop's back channel, over real HTTP without a browser engine: the
 * authorization-code flow through the real login and consent forms (cookies, CSRF tokens, PKCE),
 * then the token, userinfo, revocation and JWKS endpoints. Every call throws
 * {@link DrillBrowser.Refused} with the HTTP status when the provider does not answer as a
 * successful flow needs, or {@link IOException} when it cannot be reached.
 */
final class DrillBrowser {

	static final String CLIENT = "demo-shop";

	static final String SECRET = "demo-shop-secret";

	static final String REDIRECT_URI = "http://127.0.0.1:8081/login/oauth2/code/demo";

	static final String USERNAME = "alice";

	static final String PASSWORD = "alice-demo-password";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern SCOPE = Pattern.compile("name=\"scope\"\\s+value=\"([^\"]+)\"");

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final String base;

	private final HttpClient http;

	DrillBrowser(String base) {
		this.base = base;
		this.http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
	}

	/** What the provider answered instead of what the flow needs. */
	static final class Refused extends Exception {

		private final int status;

		Refused(int status, String message) {
			super(status + " " + message);
			this.status = status;
		}

		int status() {
			return this.status;
		}

		/** A refusal that says "this token or code is no good" rather than "try again". */
		boolean isDefinitive() {
			return this.status == 400 || this.status == 401;
		}

	}

	/** A code and the PKCE verifier that redeems it. */
	record Code(String code, String verifier) {
	}

	/** Tokens from the token endpoint. */
	record Tokens(String accessToken, String refreshToken) {
	}

	/**
	 * Authorizes {@code scope}: logs in through the form when the session is not signed in, approves
	 * the consent page if shown, and answers the code from the redirect.
	 */
	Code authorize(String scope) throws IOException, InterruptedException, Refused {
		String verifier = randomToken();
		HttpResponse<String> response = get(authorizeUrl(scope, verifier));
		if (redirectsTo(response, "/login")) {
			HttpResponse<String> page = get(this.base + "/login");
			expect(page, 200, "login page");
			HttpResponse<String> login = post(this.base + "/login", Map.of("username", List.of(USERNAME), "password",
					List.of(PASSWORD), "_csrf", List.of(field(CSRF, page.body()))), null);
			String location = location(login);
			if (location.contains("/login?")) {
				throw new Refused(login.statusCode(), "login refused: " + location);
			}
			response = get(absolute(location));
		}
		if (location(response).contains("/oauth2/consent")) {
			HttpResponse<String> consent = get(absolute(location(response)));
			expect(consent, 200, "consent page");
			List<String> scopes = new ArrayList<>();
			Matcher matcher = SCOPE.matcher(consent.body());
			while (matcher.find()) {
				scopes.add(matcher.group(1));
			}
			response = post(this.base + "/oauth2/authorize", Map.of("client_id", List.of(hidden(consent.body(),
					"client_id")), "state", List.of(hidden(consent.body(), "state")), "scope", scopes, "_csrf",
					List.of(field(CSRF, consent.body()))), null);
		}
		String location = location(response);
		if (!location.startsWith(REDIRECT_URI) || !location.contains("code=")) {
			throw new Refused(response.statusCode(), "no code: " + location);
		}
		return new Code(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), verifier);
	}

	/** Whether this browser's session is signed in: authorize answers a code without the login form. */
	boolean signedIn() throws IOException, InterruptedException {
		HttpResponse<String> response = get(authorizeUrl("openid", randomToken()));
		return response.statusCode() == 302 && location(response).startsWith(REDIRECT_URI);
	}

	Tokens exchange(Code code) throws IOException, InterruptedException, Refused {
		return tokens(Map.of("grant_type", List.of("authorization_code"), "code", List.of(code.code()),
				"redirect_uri", List.of(REDIRECT_URI), "code_verifier", List.of(code.verifier())));
	}

	Tokens refresh(String refreshToken) throws IOException, InterruptedException, Refused {
		return tokens(Map.of("grant_type", List.of("refresh_token"), "refresh_token", List.of(refreshToken)));
	}

	void revoke(String token) throws IOException, InterruptedException, Refused {
		expect(post(this.base + "/oauth2/revoke", Map.of("token", List.of(token)), basic()), 200, "revocation");
	}

	void userinfo(String accessToken) throws IOException, InterruptedException, Refused {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.base + "/userinfo"))
			.header("Authorization", "Bearer " + accessToken)
			.GET());
		expect(response, 200, "userinfo");
	}

	/** The JWKS document. */
	String jwks() throws IOException, InterruptedException, Refused {
		HttpResponse<String> response = get(this.base + "/oauth2/jwks");
		expect(response, 200, "jwks");
		return response.body();
	}

	/** The published kids. */
	List<String> jwksKids() throws IOException, InterruptedException, Refused {
		List<String> kids = new ArrayList<>();
		for (JsonNode key : JSON.readTree(jwks()).get("keys")) {
			kids.add(key.get("kid").asString());
		}
		return kids;
	}

	/** A client_credentials token for {@code clientId}. */
	String clientToken(String clientId, String secret, String scope) throws IOException, InterruptedException, Refused {
		String credentials = Base64.getEncoder()
			.encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = post(this.base + "/oauth2/token",
				Map.of("grant_type", List.of("client_credentials"), "scope", List.of(scope)), "Basic " + credentials);
		expect(response, 200, "client_credentials");
		return JSON.readTree(response.body()).get("access_token").asString();
	}

	/** An authenticated call to any URL (the admin API, partner-api). */
	HttpResponse<String> bearer(String method, String url, String accessToken, String json)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + accessToken)
			.header("Content-Type", "application/json");
		request.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json)
				: HttpRequest.BodyPublishers.noBody());
		return send(request);
	}

	private Tokens tokens(Map<String, List<String>> form) throws IOException, InterruptedException, Refused {
		HttpResponse<String> response = post(this.base + "/oauth2/token", form, basic());
		expect(response, 200, "token");
		JsonNode body = JSON.readTree(response.body());
		JsonNode refresh = body.get("refresh_token");
		return new Tokens(body.get("access_token").asString(), (refresh != null) ? refresh.asString() : null);
	}

	private String authorizeUrl(String scope, String verifier) {
		return this.base + "/oauth2/authorize?response_type=code&client_id=" + CLIENT + "&redirect_uri="
				+ encode(REDIRECT_URI) + "&scope=" + encode(scope) + "&state=" + randomToken() + "&nonce="
				+ randomToken() + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256";
	}

	private HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(url)).GET());
	}

	private HttpResponse<String> post(String url, Map<String, List<String>> form, String authorization)
			throws IOException, InterruptedException {
		StringBuilder body = new StringBuilder();
		for (Map.Entry<String, List<String>> field : new LinkedHashMap<>(form).entrySet()) {
			for (String value : field.getValue()) {
				body.append(body.isEmpty() ? "" : "&").append(encode(field.getKey())).append('=').append(encode(value));
			}
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
	}

	private String absolute(String location) {
		return location.startsWith("/") ? this.base + location : location;
	}

	private boolean redirectsTo(HttpResponse<String> response, String path) {
		String location = location(response);
		return location.startsWith(path) || location.startsWith(this.base + path);
	}

	private static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").orElse("");
	}

	private static void expect(HttpResponse<String> response, int status, String what) throws Refused {
		if (response.statusCode() != status) {
			throw new Refused(response.statusCode(), what + ": " + abbreviate(response.body()));
		}
	}

	private static String abbreviate(String body) {
		return (body.length() > 200) ? body.substring(0, 200) : body;
	}

	private static String field(Pattern pattern, String html) throws Refused {
		Matcher matcher = pattern.matcher(html);
		if (!matcher.find()) {
			throw new Refused(200, "form without " + pattern);
		}
		return matcher.group(1);
	}

	private static String hidden(String html, String name) throws Refused {
		return field(Pattern.compile("name=\"" + name + "\"\\s+value=\"([^\"]*)\""), html);
	}

	private static String basic() {
		return "Basic " + Base64.getEncoder().encodeToString((CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String randomToken() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String challenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
