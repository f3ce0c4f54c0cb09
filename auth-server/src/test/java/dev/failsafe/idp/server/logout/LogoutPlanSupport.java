package dev.failsafe.idp.server.logout;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Forms;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.testing.signin.UserAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the logout plans' modules do before and after the step they check, as the conformance suite's
 * {@code AbstractOIDCCRpInitiatedLogout} does it: a relying party registered with a post-logout
 * redirect URI (and, for the back-channel plan, a back-channel logout URI), a user of its own signed
 * in through the code flow (so nothing another test does touches its session), the end-session
 * request with a 128-character {@code state}, our confirmation page, and then the check that the
 * user is signed out: an authorization request with {@code prompt=none} gets no code, and the
 * session's refresh token no longer works.
 */
abstract class LogoutPlanSupport extends ProviderIntegrationTest {

	static final String LOGOUT = "/connect/logout";

	static final String SCOPE = "openid profile";

	static final String PASSWORD = "conformance-password-1";

	/**
	 * A relying party registered through the admin API.
	 *
	 * @param clientId its id
	 * @param secret its secret
	 * @param redirectUri its redirect URI
	 * @param postLogoutRedirectUri its post-logout redirect URI
	 */
	record RelyingParty(String clientId, String secret, String redirectUri, String postLogoutRedirectUri) {
	}

	/**
	 * A user signed in at a relying party.
	 *
	 * @param agent the user's browser
	 * @param username the user
	 * @param tokens the token response (access, refresh and ID token)
	 */
	record SignedIn(UserAgent agent, String username, BackChannel.Reply tokens) {

		String idToken() {
			return this.tokens.string("id_token");
		}

		String refreshToken() {
			return this.tokens.string("refresh_token");
		}

	}

	/** A confidential code-flow client without consent; {@code backchannelLogoutUri} may be null. */
	RelyingParty registerRelyingParty(String backchannelLogoutUri) {
		String clientId = "conformance-" + UUID.randomUUID();
		String base = "http://127.0.0.1:9/" + clientId;
		String backChannel = (backchannelLogoutUri != null)
				? ",\"backchannelLogoutUri\":\"" + backchannelLogoutUri + "\",\"backchannelLogoutSessionRequired\":true"
				: "";
		BackChannel.Reply created = admin("POST", "/admin/clients", """
				{"clientId":"%s","clientName":"Conformance RP","clientType":"confidential",
				 "grantTypes":["authorization_code","refresh_token"],"redirectUris":["%s/callback"],
				 "postLogoutRedirectUris":["%s/post_logout_redirect"],"scopes":["openid","profile"],
				 "requireConsent":false%s}""".formatted(clientId, base, base, backChannel));
		assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
		return new RelyingParty(clientId, created.string("clientSecret"), base + "/callback",
				base + "/post_logout_redirect");
	}

	/** A new user, for one test alone. */
	String createUser() {
		String username = "conformance-" + UUID.randomUUID().toString().substring(0, 8);
		BackChannel.Reply created = admin("POST", "/admin/users",
				"{\"username\":\"%s\",\"password\":\"%s\",\"claims\":{\"name\":\"Conformance User\"}}"
					.formatted(username, PASSWORD));
		assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
		return username;
	}

	/** Signs {@code username} in at {@code rp} in a new browser and redeems the code. */
	SignedIn signIn(RelyingParty rp, String username) {
		return signIn(newUserAgent(), rp, username);
	}

	/** Signs {@code username} in at {@code rp} in {@code agent} (already signed in or not). */
	SignedIn signIn(UserAgent agent, RelyingParty rp, String username) {
		Pkce pkce = Pkce.create();
		CodeFlow flow = codeFlow(agent);
		Map<String, String> callback = flow.authorize(rp.clientId(), rp.redirectUri(), SCOPE, pkce,
				UUID.randomUUID().toString(), UUID.randomUUID().toString(), username, PASSWORD);
		BackChannel.Reply tokens = flow.exchange(rp.clientId(), rp.secret(), callback.get("code"), rp.redirectUri(),
				pkce.verifier()).expect(200, "code exchange");
		return new SignedIn(agent, username, tokens);
	}

	/** The end-session request with these parameters (names and values alternating; none left out). */
	static HttpResponse<String> endSession(UserAgent agent, String... namesAndValues) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			parameters.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
		}
		return agent.get(LOGOUT + (parameters.isEmpty() ? "" : "?" + Forms.encode(parameters)));
	}

	/** The user is sent to our confirmation page; answers the response to confirming there. */
	static HttpResponse<String> confirm(UserAgent agent, HttpResponse<String> endSession) {
		assertThat(endSession.statusCode()).as(endSession.body()).isEqualTo(302);
		assertThat(UserAgent.location(endSession)).isEqualTo(agent.issuer() + "/logout/confirm");
		HttpResponse<String> page = agent.get("/logout/confirm");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"confirm-logout\"");
		HttpResponse<String> confirmed = agent.postForm("/logout/confirm",
				Map.of("_csrf", List.of(UserAgent.csrfToken(page.body()))));
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(302);
		return confirmed;
	}

	/** Where the provider sent the browser, and that it is our "you are signed out" page. */
	static void assertSignedOutPage(UserAgent agent, HttpResponse<String> response) {
		assertThat(UserAgent.location(response)).isEqualTo(agent.issuer() + "/logout/done");
		HttpResponse<String> page = agent.get("/logout/done");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<h1>");
	}

	/**
	 * The session ended: an authorization request with {@code prompt=none} issues no code (an error
	 * redirect, or the login page), and the session's refresh token is {@code invalid_grant}.
	 */
	void assertSignedOut(SignedIn session, RelyingParty rp) {
		String silent = CodeFlow.authorizeUrl(rp.clientId(), rp.redirectUri(), SCOPE, Pkce.create(), "after",
				"n-after") + "&prompt=none";
		HttpResponse<String> response = session.agent().get(silent);
		assertThat(response.statusCode()).isEqualTo(302);
		String location = UserAgent.location(response);
		if (location.startsWith(rp.redirectUri())) {
			assertThat(UserAgent.redirectParameters(response)).doesNotContainKey("code").containsKey("error");
		}
		else {
			assertThat(session.agent().isLoginPage(location)).as("login page, not a code: %s", location).isTrue();
		}
		BackChannel.Reply refreshed = codeFlow(newUserAgent()).refresh(rp.clientId(), rp.secret(),
				session.refreshToken());
		assertThat(refreshed.status()).as(refreshed.raw().body()).isEqualTo(400);
		assertThat(refreshed.json()).containsEntry("error", "invalid_grant");
	}

	/** The user is still signed in: an authorization request gives a code without the login page. */
	void assertStillSignedIn(SignedIn session, RelyingParty rp) {
		HttpResponse<String> response = session.agent()
			.get(CodeFlow.authorizeUrl(rp.clientId(), rp.redirectUri(), SCOPE, Pkce.create(), "still", "n-still"));
		assertThat(UserAgent.location(response)).startsWith(rp.redirectUri());
		assertThat(UserAgent.redirectParameters(response)).containsKey("code");
	}

	/** A state of 128 characters, as the suite sends to check the OP does not corrupt it. */
	static String longState() {
		return (UUID.randomUUID().toString() + UUID.randomUUID() + UUID.randomUUID() + UUID.randomUUID())
			.replace("-", "")
			.substring(0, 128);
	}

	BackChannel.Reply admin(String method, String path, String json) {
		String token = this.backChannel.clientCredentials(Demo.ADMIN, Demo.ADMIN_SECRET,
				Demo.ADMIN_SCOPE);
		return this.backChannel.bearer(method, PROVIDER.uri(path), token, json);
	}

}
