package dev.failsafe.idp.server.conformance;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.server.testing.TestClients;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The basic plan's modules about the code flow itself, the tokens and the UserInfo endpoint
 * ({@code oidcc-basic-certification-test-plan}; each method is named after its module).
 */
class BasicPlanCoreTest extends ConformanceSupport {

	/** oidcc-server: a code flow; the ID token's iss, sub, aud, exp, iat, nonce and auth_time; state echoed. */
	@Test
	void oidcc_server() throws Exception {
		AuthorizationRequest request = request("openid");
		Map<String, String> answer = authorize(newUserAgent(), request);
		assertThat(answer).containsEntry("state", request.state()).containsKey("code");
		Tokens tokens = exchange(RP, answer.get("code"));
		assertThat(tokens.reply().string("token_type")).isEqualTo("Bearer");
		JWTClaimsSet id = tokens.idTokenClaims();
		assertThat(id.getIssuer()).isEqualTo(PROVIDER.issuer());
		assertThat(id.getSubject()).isEqualTo(Demo.USERNAME);
		assertThat(id.getAudience()).containsExactly(RP);
		assertThat(id.getStringClaim("nonce")).isEqualTo(request.nonce());
		assertThat(id.getIssueTime()).isNotNull();
		assertThat(id.getExpirationTime()).isAfter(id.getIssueTime());
		assertThat(id.getDateClaim("auth_time")).isNotNull();
	}

	/** oidcc-response-type-missing: no response_type is an error back to the client, never a code. */
	@Test
	void oidcc_response_type_missing() {
		AuthorizationRequest request = request("openid").with("response_type", null);
		HttpResponse<String> response = newUserAgent().get(request.url());
		assertThat(redirectedToClient(response, REDIRECT_URI)).containsEntry("error", "invalid_request")
			.containsEntry("state", request.state())
			.doesNotContainKey("code");
	}

	/** oidcc-idtoken-signature: the ID token is signed (RS256 for this client) by a published key, named by kid. */
	@Test
	void oidcc_idtoken_signature() throws Exception {
		Tokens tokens = signIn(newUserAgent(), request("openid"));
		assertThat(tokens.idToken().getHeader().getAlgorithm().getName()).isEqualTo("RS256");
		assertSignedByPublishedKey(tokens.idToken());
	}

	/**
	 * oidcc-idtoken-unsigned: skipped by the suite for a provider that does not offer {@code none}, as
	 * ours does not (discovery says so; see {@link ConfigPlanTest}): every ID token is signed.
	 */
	@Test
	void oidcc_idtoken_unsigned() throws Exception {
		Tokens tokens = signIn(newUserAgent(), request("openid"));
		assertThat(tokens.idToken().getHeader().getAlgorithm().getName()).isNotEqualTo("none");
		assertSignedByPublishedKey(tokens.idToken());
	}

	/** oidcc-userinfo-get: GET with the access token in the Authorization header; sub matches the ID token's. */
	@Test
	void oidcc_userinfo_get() throws Exception {
		Tokens tokens = signIn(newUserAgent(), request("openid profile"));
		BackChannel.Reply userInfo = userInfo(tokens.accessToken());
		assertThat(userInfo.status()).isEqualTo(200);
		assertThat(userInfo.json()).containsEntry("sub", tokens.idTokenClaims().getSubject())
			.containsEntry("name", "Alice Example");
	}

	/** oidcc-userinfo-post-header: POST with the access token in the Authorization header. */
	@Test
	void oidcc_userinfo_post_header() throws Exception {
		Tokens tokens = signIn(newUserAgent(), request("openid"));
		BackChannel.Reply userInfo = this.backChannel.bearer("POST", PROVIDER.uri("/userinfo"), tokens.accessToken(),
				null);
		assertThat(userInfo.status()).isEqualTo(200);
		assertThat(userInfo.json()).containsEntry("sub", tokens.idTokenClaims().getSubject());
	}

	/** oidcc-userinfo-post-body: POST with the access token in a form body (RFC 6750 section 2.2). */
	@Test
	void oidcc_userinfo_post_body() throws Exception {
		Tokens tokens = signIn(newUserAgent(), request("openid email"));
		BackChannel.Reply userInfo = this.backChannel.postBasic("/userinfo", null, null,
				Map.of("access_token", List.of(tokens.accessToken())));
		assertThat(userInfo.status()).as(userInfo.raw().body()).isEqualTo(200);
		assertThat(userInfo.json()).containsEntry("sub", Demo.USERNAME)
			.containsEntry("email", "alice@example.com");
	}

	/** oidcc-ensure-request-without-nonce-succeeds-for-code-flow: nonce is optional in the code flow. */
	@Test
	void oidcc_ensure_request_without_nonce_succeeds_for_code_flow() throws Exception {
		Tokens tokens = signIn(newUserAgent(), request("openid").with("nonce", null));
		assertThat(tokens.idTokenClaims().getClaims()).doesNotContainKey("nonce");
	}

	/** oidcc-codereuse: a code used twice is refused the second time (invalid_grant). */
	@Test
	void oidcc_codereuse() {
		Map<String, String> answer = authorize(newUserAgent(), request("openid"));
		exchange(RP, answer.get("code"));
		BackChannel.Reply again = this.backChannel.postBasic("/oauth2/token", RP, TestClients.secretOf(RP),
				Map.of("grant_type", List.of("authorization_code"), "code", List.of(answer.get("code")), "redirect_uri",
						List.of(REDIRECT_URI)));
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.json()).containsEntry("error", "invalid_grant");
	}

	/**
	 * oidcc-codereuse-30seconds: the suite waits 30 seconds before reusing the code, then checks the
	 * reuse is refused and the tokens issued from the code no longer work. Waiting changes nothing
	 * here (reuse is refused and revokes at any time), so the test reuses at once.
	 */
	@Test
	void oidcc_codereuse_30seconds() {
		Map<String, String> answer = authorize(newUserAgent(), request("openid"));
		Tokens first = exchange(RP, answer.get("code"));
		assertThat(userInfo(first.accessToken()).status()).isEqualTo(200);
		BackChannel.Reply again = this.backChannel.postBasic("/oauth2/token", RP, TestClients.secretOf(RP),
				Map.of("grant_type", List.of("authorization_code"), "code", List.of(answer.get("code")), "redirect_uri",
						List.of(REDIRECT_URI)));
		assertThat(again.json()).containsEntry("error", "invalid_grant");
		assertThat(userInfo(first.accessToken()).status()).as("access token from the reused code").isEqualTo(401);
		assertThat(refresh(RP, first.refreshToken()).status()).as("refresh token from the reused code").isEqualTo(400);
	}

	/** oidcc-ensure-registered-redirect-uri: an unregistered redirect URI gets our error page, never a redirect. */
	@Test
	void oidcc_ensure_registered_redirect_uri() {
		HttpResponse<String> response = newUserAgent().get(request("openid").with("redirect_uri",
				"https://rp.example/cb/other").url());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(response.body()).contains("redirect_uri");
	}

	/**
	 * oidcc-ensure-post-request-succeeds: the authorization request sent as a form POST (OIDC Core
	 * section 3.1.2.1), by a browser that must sign in first: it is resumed after the login form.
	 */
	@Test
	void oidcc_ensure_post_request_succeeds() throws Exception {
		UserAgent browser = newUserAgent();
		AuthorizationRequest request = request("openid email");
		HttpResponse<String> page = browser.postForm("/oauth2/authorize", request.form());
		assertThat(UserAgent.isLoginForm(page)).as("the login page: %s", page.body()).isTrue();
		HttpResponse<String> signedIn = browser.submitLogin(page.body(), Demo.USERNAME, Demo.PASSWORD);
		Map<String, String> answer = redirectedToClient(signedIn, REDIRECT_URI);
		assertThat(answer).containsEntry("state", request.state());
		Tokens tokens = exchange(RP, answer.get("code"));
		assertThat(tokens.idTokenClaims().getStringClaim("nonce")).isEqualTo(request.nonce());
		assertThat(tokens.idTokenClaims().getStringClaim("email")).isEqualTo("alice@example.com");
	}

	/** oidcc-server-client-secret-post: the code exchanged with client_secret_post. */
	@Test
	void oidcc_server_client_secret_post() throws Exception {
		Map<String, String> answer = authorize(newUserAgent(), request("openid"));
		BackChannel.Reply reply = this.backChannel.postBasic("/oauth2/token", null, null,
				Map.of("grant_type", List.of("authorization_code"), "code", List.of(answer.get("code")), "redirect_uri",
						List.of(REDIRECT_URI), "client_id", List.of(RP), "client_secret",
						List.of(TestClients.secretOf(RP))));
		assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
		assertThat(new Tokens(reply).idTokenClaims().getAudience()).containsExactly(RP);
	}

	/**
	 * oidcc-refresh-token: a refresh gives new tokens with the same subject, the refresh token has
	 * only allowed characters, and a refresh token presented by another client is refused with
	 * 400 invalid_grant (RFC 6749 section 5.2), and is not spent by that attempt.
	 */
	@Test
	void oidcc_refresh_token() throws Exception {
		Tokens first = signIn(newUserAgent(), request("openid"));
		assertThat(first.refreshToken()).matches("[\\x20-\\x7E]+");
		BackChannel.Reply wrongClient = refresh(RP2, first.refreshToken());
		assertThat(wrongClient.status()).as(wrongClient.raw().body()).isEqualTo(400);
		assertThat(wrongClient.json()).containsEntry("error", "invalid_grant");
		BackChannel.Reply refreshed = refresh(RP, first.refreshToken());
		assertThat(refreshed.status()).as(refreshed.raw().body()).isEqualTo(200);
		Tokens second = new Tokens(refreshed);
		assertThat(second.idTokenClaims().getSubject()).isEqualTo(first.idTokenClaims().getSubject());
		assertThat(second.idTokenClaims().getIssuer()).isEqualTo(first.idTokenClaims().getIssuer());
		assertThat(second.idTokenClaims().getAudience()).isEqualTo(first.idTokenClaims().getAudience());
		assertThat(userInfo(second.accessToken()).status()).isEqualTo(200);
	}

	/** oidcc-ensure-request-with-valid-pkce-succeeds: S256 PKCE with the right verifier. */
	@Test
	void oidcc_ensure_request_with_valid_pkce_succeeds() {
		Pkce pkce = Pkce.create();
		Map<String, String> answer = authorize(newUserAgent(), request("openid").with(pkce));
		BackChannel.Reply reply = this.backChannel.postBasic("/oauth2/token", RP, TestClients.secretOf(RP),
				Map.of("grant_type", List.of("authorization_code"), "code", List.of(answer.get("code")), "redirect_uri",
						List.of(REDIRECT_URI), "code_verifier", List.of(pkce.verifier())));
		assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
		assertThat(reply.string("id_token")).isNotBlank();
	}

}
