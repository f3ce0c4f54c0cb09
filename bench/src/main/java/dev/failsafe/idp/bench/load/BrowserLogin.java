package dev.failsafe.idp.bench.load;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One full sign-in as a browser does it, without a browser: a fresh cookie jar, the authorization
 * request (PKCE S256), the login form with its CSRF token, the consent form when the provider shows
 * it (the first time a user signs in to the client; it is remembered after), then the code exchange
 * on the back channel. Every step checks the status and the redirect the provider must answer.
 */
public final class BrowserLogin {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern SCOPE = Pattern.compile("name=\"scope\"\\s+value=\"([^\"]+)\"");

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Http http;

	private final DemoTenant tenant;

	public BrowserLogin(Http http, DemoTenant tenant) {
		this.http = http;
		this.tenant = tenant;
	}

	/** Signs the demo user in to the demo shop and returns the token response. */
	public Tokens signIn() throws Exception {
		Map<String, String> cookies = new LinkedHashMap<>();
		String verifier = randomToken();
		String state = randomToken();
		String authorize = "/oauth2/authorize?response_type=code&client_id=" + this.tenant.shopId() + "&scope="
				+ encode(this.tenant.shopScope()) + "&state=" + state + "&nonce=" + randomToken() + "&redirect_uri="
				+ encode(this.tenant.shopRedirectUri()) + "&code_challenge=" + s256(verifier)
				+ "&code_challenge_method=S256";
		String toLogin = redirect(get(authorize, cookies));
		if (!URI.create(toLogin).getPath().equals("/login")) {
			throw new IllegalStateException("authorize did not send a new browser to the login page: " + toLogin);
		}
		String loginPage = Http.expect(get(toLogin, cookies), 200).body();
		String afterLogin = redirect(post("/login", Http.form("username", this.tenant.username(), "password",
				this.tenant.password(), "_csrf", field(CSRF, loginPage)), cookies));
		String next = redirect(get(afterLogin, cookies));
		if (URI.create(next).getPath().equals("/oauth2/consent")) {
			next = redirect(approve(Http.expect(get(next, cookies), 200).body(), cookies));
		}
		if (!next.startsWith(this.tenant.shopRedirectUri() + "?")) {
			throw new IllegalStateException("sign-in did not end at the client: " + next);
		}
		Map<String, String> answer = query(URI.create(next));
		if (!state.equals(answer.get("state")) || answer.get("code") == null) {
			throw new IllegalStateException("redirect without the code or state: " + next);
		}
		HttpResponse<String> tokens = Http.expect(this.http.postForm("/oauth2/token",
				Http.form("grant_type", "authorization_code", "code", answer.get("code"), "redirect_uri",
						this.tenant.shopRedirectUri(), "code_verifier", verifier),
				Http.basic(this.tenant.shopId(), this.tenant.shopSecret())), 200);
		return Tokens.parse(tokens.body());
	}

	private HttpResponse<String> approve(String consentPage, Map<String, String> cookies) throws Exception {
		List<String> form = new ArrayList<>(List.of("client_id", this.tenant.shopId(), "state",
				field(Pattern.compile("name=\"state\"\\s+value=\"([^\"]+)\""), consentPage), "_csrf",
				field(CSRF, consentPage)));
		Matcher scopes = SCOPE.matcher(consentPage);
		while (scopes.find()) {
			form.add("scope");
			form.add(scopes.group(1));
		}
		return post("/oauth2/authorize", Http.form(form.toArray(String[]::new)), cookies);
	}

	private HttpResponse<String> get(String pathOrUrl, Map<String, String> cookies) throws Exception {
		return remember(this.http.send(withCookies(this.http.request(pathOrUrl).GET(), cookies).build()), cookies);
	}

	private HttpResponse<String> post(String path, String form, Map<String, String> cookies) throws Exception {
		return remember(this.http.send(withCookies(this.http.request(path)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)), cookies).build()), cookies);
	}

	private static HttpRequest.Builder withCookies(HttpRequest.Builder request,
			Map<String, String> cookies) {
		request.header("Accept", "text/html");
		if (!cookies.isEmpty()) {
			StringBuilder header = new StringBuilder();
			cookies.forEach((name, value) -> header.append(header.isEmpty() ? "" : "; ").append(name).append('=').append(value));
			request.header("Cookie", header.toString());
		}
		return request;
	}

	private static HttpResponse<String> remember(HttpResponse<String> response, Map<String, String> cookies) {
		rememberAll(response.headers().allValues("Set-Cookie"), cookies);
		return response;
	}

	/** Keeps the cookies {@code Set-Cookie} headers set (name and value; attributes do not matter on loopback). */
	static void rememberAll(List<String> setCookies, Map<String, String> cookies) {
		for (String setCookie : setCookies) {
			String pair = setCookie.split(";", 2)[0];
			int equals = pair.indexOf('=');
			if (equals > 0) {
				String name = pair.substring(0, equals).trim();
				String value = pair.substring(equals + 1).trim();
				if (value.isEmpty() || setCookie.toLowerCase(Locale.ROOT).contains("max-age=0")) {
					cookies.remove(name);
				}
				else {
					cookies.put(name, value);
				}
			}
		}
	}

	private static String redirect(HttpResponse<String> response) {
		if (response.statusCode() != 302 && response.statusCode() != 303) {
			throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
					+ " answered " + response.statusCode() + " instead of a redirect");
		}
		return response.headers().firstValue("Location").orElseThrow();
	}

	private static String field(Pattern pattern, String html) {
		Matcher matcher = pattern.matcher(html);
		if (!matcher.find()) {
			throw new IllegalStateException("the page has no " + pattern);
		}
		return matcher.group(1).replace("&amp;", "&");
	}

	static Map<String, String> query(URI uri) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : uri.getRawQuery().split("&")) {
			String[] nameAndValue = pair.split("=", 2);
			parameters.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
					(nameAndValue.length > 1) ? URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8) : "");
		}
		return parameters;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String randomToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String s256(String verifier) throws NoSuchAlgorithmException {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

	/**
	 * A token response.
	 *
	 * @param accessToken the access token (a JWT)
	 * @param refreshToken the refresh token, or null
	 */
	public record Tokens(String accessToken, String refreshToken) {

		static Tokens parse(String json) {
			JsonNode node = JSON.readTree(json);
			JsonNode access = node.get("access_token");
			JsonNode refresh = node.get("refresh_token");
			if (access == null) {
				throw new IllegalStateException("token response without access_token");
			}
			return new Tokens(access.asString(), (refresh != null) ? refresh.asString() : null);
		}

	}

}
