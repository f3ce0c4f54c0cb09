package dev.failsafe.idp.bench.compare;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.failsafe.idp.bench.load.DemoTenant;
import dev.failsafe.idp.bench.load.Http;

/**
 * One full sign-in to Keycloak as a browser does it, without a browser: a fresh cookie jar, the
 * authorization request (PKCE S256) answered with the login form, the form's POST, the consent form
 * when Keycloak shows it (the first time; it remembers the grant after), then the code exchange on
 * the back channel. A returning user's sign-in is three requests. Every step checks the status and
 * where the server sends the browser.
 */
final class KeycloakSignIn {

	static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

	static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");

	static final Pattern GRANT_CODE = Pattern.compile("name=\"code\"\\s+value=\"([^\"]+)\"");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Http http;

	private final String realmPath;

	private final DemoTenant tenant;

	KeycloakSignIn(Http http, String realmPath, DemoTenant tenant) {
		this.http = http;
		this.realmPath = realmPath;
		this.tenant = tenant;
	}

	/** Signs alice in to the shop; returns the token response's body. */
	String signIn() throws Exception {
		CookieJar cookies = new CookieJar();
		String verifier = randomToken();
		String state = randomToken();
		String authorize = this.realmPath + "/protocol/openid-connect/auth?response_type=code&client_id="
				+ this.tenant.shopId() + "&scope=" + encode(this.tenant.shopScope()) + "&state=" + state + "&nonce="
				+ randomToken() + "&redirect_uri=" + encode(this.tenant.shopRedirectUri()) + "&code_challenge="
				+ s256(verifier) + "&code_challenge_method=S256";
		String loginPage = Http.expect(get(authorize, cookies), 200).body();
		String next = redirect(post(field(LOGIN_FORM, loginPage), Http.form("username", this.tenant.username(),
				"password", this.tenant.password(), "credentialId", ""), cookies));
		if (!next.startsWith(this.tenant.shopRedirectUri())) {
			// The consent form (first sign-in to this client).
			String consentPage = Http.expect(get(next, cookies), 200).body();
			next = redirect(post(field(FORM_ACTION, consentPage),
					Http.form("code", field(GRANT_CODE, consentPage), "accept", "Yes"), cookies));
		}
		if (!next.startsWith(this.tenant.shopRedirectUri() + "?")) {
			throw new IllegalStateException("sign-in did not end at the client: " + next);
		}
		Map<String, String> answer = query(URI.create(next));
		if (!state.equals(answer.get("state")) || answer.get("code") == null) {
			throw new IllegalStateException("redirect without the code or state: " + next);
		}
		return Http.expect(this.http.postForm(this.realmPath + "/protocol/openid-connect/token",
				Http.form("grant_type", "authorization_code", "code", answer.get("code"), "redirect_uri",
						this.tenant.shopRedirectUri(), "code_verifier", verifier),
				Http.basic(this.tenant.shopId(), this.tenant.shopSecret())), 200).body();
	}

	private HttpResponse<String> get(String pathOrUrl, CookieJar cookies) throws Exception {
		return cookies.remember(
				this.http.send(cookies.attach(this.http.request(pathOrUrl).header("Accept", "text/html").GET()).build()));
	}

	private HttpResponse<String> post(String pathOrUrl, String form, CookieJar cookies) throws Exception {
		return cookies.remember(this.http.send(cookies.attach(this.http.request(pathOrUrl)
			.header("Accept", "text/html")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))).build()));
	}

	private static String redirect(HttpResponse<String> response) {
		if (response.statusCode() != 302 && response.statusCode() != 303) {
			throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
					+ " answered " + response.statusCode() + " instead of a redirect");
		}
		return response.headers().firstValue("Location").orElseThrow();
	}

	static String field(Pattern pattern, String html) {
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

	private static String s256(String verifier) throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

}
