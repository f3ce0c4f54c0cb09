package dev.failsafe.idp.bench.compare;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.failsafe.idp.bench.load.DemoTenant;
import dev.failsafe.idp.bench.load.Http;
import dev.failsafe.idp.testing.signin.Forms;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.testing.signin.UserAgent;

/**
 * One full sign-in to Keycloak as a browser does it, without a browser (a {@link CookieJar} of its
 * own on the load's shared connections): the authorization request
 * (PKCE S256) answered with the login form, the form's POST, the consent form when Keycloak shows it
 * (the first time; it remembers the grant after), then the code exchange on the back channel. A
 * returning user's sign-in is three requests. Every step checks the status and where the server
 * sends the browser.
 *
 * @param http the load's shared connections
 * @param realmPath the realm's path on Keycloak
 * @param tenant who signs in to which client
 */
record KeycloakSignIn(Http http, String realmPath, DemoTenant tenant) {

	/** Where Keycloak's login page posts the credentials. */
	static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

	/** Where a Keycloak page's form posts (the consent page has one). */
	static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");

	/** Signs alice in to the shop; returns the token response's body. */
	String signIn() throws Exception {
		CookieJar cookies = new CookieJar();
		Pkce pkce = Pkce.create();
		String state = Pkce.randomToken();
		String authorize = this.realmPath + "/protocol/openid-connect/auth?response_type=code&client_id="
				+ this.tenant.shopId() + "&scope=" + Forms.encodeQueryParameter(this.tenant.shopScope()) + "&state="
				+ state + "&nonce=" + Pkce.randomToken() + "&redirect_uri="
				+ Forms.encodeQueryParameter(this.tenant.shopRedirectUri()) + "&code_challenge=" + pkce.challenge()
				+ "&code_challenge_method=S256";
		String loginPage = Http.expect(get(authorize, cookies), 200).body();
		String next = redirect(post(action(LOGIN_FORM, loginPage), Http.form("username", this.tenant.username(),
				"password", this.tenant.password(), "credentialId", ""), cookies));
		if (!next.startsWith(this.tenant.shopRedirectUri())) {
			// The consent form (first sign-in to this client).
			String consentPage = Http.expect(get(next, cookies), 200).body();
			next = redirect(post(action(FORM_ACTION, consentPage),
					Http.form("code", Forms.hiddenField(consentPage, "code"), "accept", "Yes"), cookies));
		}
		if (!next.startsWith(this.tenant.shopRedirectUri() + "?")) {
			throw new IllegalStateException("sign-in did not end at the client: " + next);
		}
		Map<String, String> answer = Forms.queryParameters(next);
		if (!state.equals(answer.get("state")) || answer.get("code") == null) {
			throw new IllegalStateException("redirect without the code or state: " + next);
		}
		return Http.expect(this.http.postForm(this.realmPath + "/protocol/openid-connect/token",
				Http.form("grant_type", "authorization_code", "code", answer.get("code"), "redirect_uri",
						this.tenant.shopRedirectUri(), "code_verifier", pkce.verifier()),
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
		if (!UserAgent.isRedirect(response)) {
			throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
					+ " answered " + response.statusCode() + " instead of a redirect");
		}
		return UserAgent.location(response);
	}

	/** The form's action, HTML-unescaped. */
	static String action(Pattern form, String html) {
		Matcher matcher = form.matcher(html);
		if (!matcher.find()) {
			throw new IllegalStateException("the page has no " + form);
		}
		return matcher.group(1).replace("&amp;", "&");
	}

}
