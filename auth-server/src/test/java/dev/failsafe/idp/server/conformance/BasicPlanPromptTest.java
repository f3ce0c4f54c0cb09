package dev.failsafe.idp.server.conformance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.server.users.UserAccount;
import dev.failsafe.idp.server.users.UserDirectory;
import dev.failsafe.idp.server.testing.TestClients;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The basic plan's modules about when the user must sign in: {@code prompt}, {@code max_age} and
 * {@code id_token_hint} (OIDC Core section 3.1.2.1), with the ID token's {@code auth_time}.
 */
class BasicPlanPromptTest extends ConformanceSupport {

	private static final String BOB = "bob-conformance";

	private static final String BOB_PASSWORD = "bob-conformance-password";

	private static final String CONSENT_CLIENT = "conformance-consent";

	@Autowired
	private RegisteredClientRepository clients;

	@Autowired
	private UserDirectory users;

	@Autowired
	private PasswordEncoder passwords;

	/** oidcc-prompt-login: over a live session, prompt=login shows the login page; auth_time moves on. */
	@Test
	void oidcc_prompt_login() throws Exception {
		UserAgent browser = newUserAgent();
		Tokens first = signIn(browser, request("openid"));
		Instant firstAuth = authTime(first.idTokenClaims());
		waitForSecondAfter(firstAuth.getEpochSecond(), Duration.ZERO);
		Tokens second = signInAgainOnLoginPage(browser, request("openid").with("prompt", "login"));
		assertThat(authTime(second.idTokenClaims())).isAfter(firstAuth);
		assertThat(second.idTokenClaims().getSubject()).isEqualTo(Demo.USERNAME);
	}

	/** oidcc-prompt-none-not-logged-in: login_required back to the client, state (128 characters) intact. */
	@Test
	void oidcc_prompt_none_not_logged_in() {
		String state = "s".repeat(64) + Pkce.randomToken().substring(0, 43) + "-._~" + "x".repeat(17);
		AuthorizationRequest request = request("openid").with("prompt", "none").with("state", state);
		HttpResponse<String> response = newUserAgent().get(request.url());
		assertThat(redirectedToClient(response, REDIRECT_URI)).containsEntry("error", "login_required")
			.containsEntry("state", state)
			.doesNotContainKey("code");
	}

	/** oidcc-prompt-none-logged-in: a signed-in user gets a code at once, with no page. */
	@Test
	void oidcc_prompt_none_logged_in() throws Exception {
		UserAgent browser = newUserAgent();
		Tokens first = signIn(browser, request("openid"));
		AuthorizationRequest silent = request("openid").with("prompt", "none");
		Map<String, String> answer = redirectedToClient(browser.get(silent.url()), REDIRECT_URI);
		assertThat(answer).containsEntry("state", silent.state()).containsKey("code");
		Tokens second = exchange(RP, answer.get("code"));
		assertThat(second.idTokenClaims().getSubject()).isEqualTo(first.idTokenClaims().getSubject());
		assertThat(authTime(second.idTokenClaims())).isEqualTo(authTime(first.idTokenClaims()));
	}

	/** oidcc-max-age-1: more than a second after the sign-in, max_age=1 asks again; auth_time is new. */
	@Test
	void oidcc_max_age_1() throws Exception {
		UserAgent browser = newUserAgent();
		Tokens first = signIn(browser, request("openid"));
		Instant firstAuth = authTime(first.idTokenClaims());
		waitForSecondAfter(firstAuth.getEpochSecond() + 1, Duration.ZERO);
		Tokens second = signInAgainOnLoginPage(browser, request("openid").with("max_age", "1"));
		Instant secondAuth = authTime(second.idTokenClaims());
		assertThat(secondAuth).isAfter(firstAuth).isAfter(Instant.now().minusSeconds(60));
	}

	/** oidcc-max-age-10000: a recent sign-in is enough; auth_time is present and the first one's. */
	@Test
	void oidcc_max_age_10000() throws Exception {
		UserAgent browser = newUserAgent();
		Tokens first = signIn(browser, request("openid"));
		AuthorizationRequest again = request("openid").with("max_age", "10000");
		Tokens second = exchange(RP, redirectedToClient(browser.get(again.url()), REDIRECT_URI).get("code"));
		assertThat(authTime(second.idTokenClaims())).isEqualTo(authTime(first.idTokenClaims()));
	}

	/** oidcc-id-token-hint: prompt=none with the first ID token as hint succeeds silently, same sub and auth_time. */
	@Test
	void oidcc_id_token_hint() throws Exception {
		UserAgent browser = newUserAgent();
		Tokens first = signIn(browser, request("openid"));
		AuthorizationRequest hinted = request("openid").with("prompt", "none")
			.with("id_token_hint", first.idToken().serialize());
		Tokens second = exchange(RP, redirectedToClient(browser.get(hinted.url()), REDIRECT_URI).get("code"));
		assertThat(second.idTokenClaims().getSubject()).isEqualTo(first.idTokenClaims().getSubject());
		assertThat(authTime(second.idTokenClaims())).isEqualTo(authTime(first.idTokenClaims()));
	}

	/** A hint naming another user than the one signed in: prompt=none is login_required; otherwise the login page. */
	@Test
	void idTokenHintWhenAnotherUserSignedInThenLoginRequiredOrLoginPage() throws Exception {
		String bobsIdToken = bobsIdToken();
		UserAgent alice = newUserAgent();
		signIn(alice, request("openid"));
		AuthorizationRequest silent = request("openid").with("prompt", "none").with("id_token_hint", bobsIdToken);
		assertThat(redirectedToClient(alice.get(silent.url()), REDIRECT_URI)).containsEntry("error", "login_required")
			.containsEntry("state", silent.state());
		AuthorizationRequest interactive = request("openid").with("id_token_hint", bobsIdToken);
		HttpResponse<String> page = alice.get(interactive.url());
		assertThat(UserAgent.isLoginForm(page)).as("login page for bob").isTrue();
		// Signing in as someone else than the hint names is no answer to it.
		HttpResponse<String> asAlice = alice.submitLogin(page.body(), Demo.USERNAME, Demo.PASSWORD);
		assertThat(redirectedToClient(asAlice, REDIRECT_URI)).containsEntry("error", "login_required")
			.doesNotContainKey("code");
	}

	/** A hint that is not our ID token for this client: invalid_request back to the client. */
	@Test
	void idTokenHintWhenNotOurIdTokenThenInvalidRequest() throws Exception {
		UserAgent browser = newUserAgent();
		Tokens first = signIn(browser, request("openid"));
		for (String hint : new String[] { "not-a-jwt", first.accessToken(), bobsIdTokenFor(RP2) }) {
			AuthorizationRequest request = request("openid").with("prompt", "none").with("id_token_hint", hint);
			assertThat(redirectedToClient(browser.get(request.url()), REDIRECT_URI)).as(hint)
				.containsEntry("error", "invalid_request")
				.containsEntry("state", request.state());
		}
	}

	/** A max_age that is not a number of seconds: invalid_request back to the client. */
	@Test
	void maxAgeWhenNotANumberThenInvalidRequest() {
		UserAgent browser = newUserAgent();
		signIn(browser, request("openid"));
		for (String maxAge : new String[] { "abc", "-1", "1.5", "99999999999" }) {
			AuthorizationRequest request = request("openid").with("max_age", maxAge);
			assertThat(redirectedToClient(browser.get(request.url()), REDIRECT_URI)).as(maxAge)
				.containsEntry("error", "invalid_request");
		}
	}

	/** prompt=none when the client needs a consent not yet given: consent_required, never a page. */
	@Test
	void promptNoneWhenConsentNeededThenConsentRequired() {
		UserAgent browser = newUserAgent();
		browser.submitLogin(Demo.USERNAME, Demo.PASSWORD);
		AuthorizationRequest silent = AuthorizationRequest.of(consentClient(), REDIRECT_URI, "openid email")
			.with("prompt", "none");
		assertThat(redirectedToClient(browser.get(silent.url()), REDIRECT_URI))
			.containsEntry("error", "consent_required")
			.containsEntry("state", silent.state());
	}

	/** prompt=consent shows the consent page again for scopes the user already allowed. */
	@Test
	void promptConsentWhenAlreadyAllowedThenConsentPageAgain() {
		UserAgent browser = newUserAgent();
		AuthorizationRequest first = AuthorizationRequest.of(consentClient(), REDIRECT_URI, "openid profile");
		codeFlow(browser).authorize(first.url(), REDIRECT_URI, Demo.USERNAME, Demo.PASSWORD);
		AuthorizationRequest again = AuthorizationRequest.of(consentClient(), REDIRECT_URI, "openid profile");
		assertThat(UserAgent.location(browser.get(again.url()))).as("consent already given")
			.startsWith(REDIRECT_URI);
		assertThat(UserAgent.location(browser.get(again.with("prompt", "consent").url())))
			.contains("/oauth2/consent");
	}

	/** A client of these tests only that needs the user's consent. */
	private String consentClient() {
		synchronized (BasicPlanPromptTest.class) {
			if (this.clients.findByClientId(CONSENT_CLIENT) == null) {
				this.clients.save(TestClients.confidential(CONSENT_CLIENT)
					.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
					.redirectUri(REDIRECT_URI)
					.scopes(scopes -> scopes.addAll(Set.of("openid", "profile", "email")))
					.clientSettings(ClientSettings.builder().requireAuthorizationConsent(true).requireProofKey(false).build())
					.build());
			}
		}
		return CONSENT_CLIENT;
	}

	/** The next authorization's redirect after the login page is shown again and alice signs in on it. */
	private Tokens signInAgainOnLoginPage(UserAgent browser, AuthorizationRequest request) {
		HttpResponse<String> page = browser.get(request.url());
		assertThat(UserAgent.isLoginForm(page)).as("the login page although signed in: %s", page.statusCode())
			.isTrue();
		HttpResponse<String> signedIn = browser.submitLogin(page.body(), Demo.USERNAME, Demo.PASSWORD);
		Map<String, String> answer = redirectedToClient(signedIn, REDIRECT_URI);
		assertThat(answer).containsEntry("state", request.state());
		return exchange(RP, answer.get("code"));
	}

	private String bobsIdToken() throws Exception {
		return bobsIdTokenFor(RP);
	}

	/** An ID token of another user, bob, issued to {@code clientId}. */
	private String bobsIdTokenFor(String clientId) throws Exception {
		synchronized (BasicPlanPromptTest.class) {
			if (!this.users.exists(BOB)) {
				this.users.create(new UserAccount(BOB, this.passwords.encode(BOB_PASSWORD), true, Map.of()));
			}
		}
		AuthorizationRequest request = AuthorizationRequest.of(clientId, REDIRECT_URI, "openid");
		Map<String, String> answer = codeFlow(newUserAgent()).authorize(request.url(), REDIRECT_URI, BOB, BOB_PASSWORD);
		return exchange(clientId, answer.get("code")).idToken().serialize();
	}

	private static Instant authTime(JWTClaimsSet idToken) throws Exception {
		assertThat(idToken.getDateClaim("auth_time")).as("auth_time").isNotNull();
		return idToken.getDateClaim("auth_time").toInstant();
	}

}
