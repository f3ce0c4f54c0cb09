package dev.failsafe.idp.server.hostile;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

import dev.failsafe.idp.server.clients.ApplicationType;
import dev.failsafe.idp.server.clients.ClientRegistrations;
import dev.failsafe.idp.server.clients.ClientSpec;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.failsafe.idp.server.hostile.ProtocolAssertions.assertErrorPage;
import static dev.failsafe.idp.server.hostile.ProtocolAssertions.assertErrorRedirect;
import static dev.failsafe.idp.server.hostile.ProtocolAssertions.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /oauth2/authorize} under hostile input. Where {@code client_id} and {@code redirect_uri}
 * can be trusted the error goes back to the client (RFC 6749 section 4.1.2.1); otherwise the user
 * sees our error page and is sent nowhere. Nothing is stored for a refused request: no session, no
 * code.
 */
class AuthorizationEndpointHostileInputTest extends HostileInputSupport {

	private static final String SHOP_REDIRECT = Demo.SHOP_REDIRECT_URI;

	private static final Pkce PKCE = Pkce.create();

	private static String nativeApp;

	@Autowired
	private ClientRegistrations registrations;

	@Test
	void authorizeWhenClientIdUnknownThenErrorPageAndNoRedirect() {
		HttpResponse<String> response = authorize(form("response_type", "code", "client_id", "no-such-client",
				"redirect_uri", SHOP_REDIRECT, "scope", "openid", "state", "s"));
		assertErrorPage(response, "invalid_request", "client_id");
		assertThat(response.headers().allValues("Set-Cookie")).as("nothing saved for later").isEmpty();
	}

	@Test
	void authorizeWhenClientIdMissingThenErrorPageAndNoRedirect() {
		assertErrorPage(authorize(form("response_type", "code", "redirect_uri", SHOP_REDIRECT, "scope", "openid")),
				"invalid_request", "client_id");
	}

	@Test
	void authorizeWhenClientIdDuplicatedThenErrorPageAndNoRedirect() {
		assertErrorPage(authorize(form("response_type", "code", "client_id", Demo.SHOP, "client_id",
				Demo.SPA, "redirect_uri", SHOP_REDIRECT, "scope", "openid")), "invalid_request", "client_id");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:8081/login/oauth2/code/demo/", // trailing slash
			"http://127.0.0.1:8081/LOGIN/oauth2/code/demo", // case of the path
			"HTTP://127.0.0.1:8081/login/oauth2/code/demo", // case of the scheme
			"http://127.0.0.1:8081/login/oauth2/code/demo?next=https://evil.example/", // extra query
			"http://127.0.0.1:8081/login/oauth2/code/demo?", // empty query
			"http://127.0.0.1:9999/login/oauth2/code/demo", // other port (confidential client)
			"http://127.0.0.1/login/oauth2/code/demo", // no port
			"http://evil@127.0.0.1:8081/login/oauth2/code/demo", // userinfo
			"http://127.0.0.1:8081/login/oauth2/code/demo#fragment", // fragment
			"http://localhost:8081/login/oauth2/code/demo", // other name for the host
			"http://127.0.0.2:8081/login/oauth2/code/demo", // other loopback address
			"https://127.0.0.1:8081/login/oauth2/code/demo", // other scheme
			"http://127.0.0.1:8081//login/oauth2/code/demo", // doubled slash
			"http://127.0.0.1:8081/login/oauth2/code/%64emo", // percent-encoded
			"http://127.0.0.1:8081/login/oauth2/code/x/../demo", // dot segments
			"http://127.0.0.1:8081.evil.example/login/oauth2/code/demo", // host suffix
			"//127.0.0.1:8081/login/oauth2/code/demo", // scheme-relative
			"javascript:alert(1)" })
	void authorizeWhenRedirectUriNotExactlyRegisteredThenErrorPageAndNoRedirect(String redirectUri) {
		HttpResponse<String> response = authorize(form("response_type", "code", "client_id", Demo.SHOP,
				"redirect_uri", redirectUri, "scope", "openid", "state", "s", "code_challenge", PKCE.challenge(),
				"code_challenge_method", "S256"));
		assertErrorPage(response, "invalid_request", "redirect_uri");
	}

	@Test
	void authorizeWhenRedirectUriDuplicatedThenErrorPageAndNoRedirect() {
		assertErrorPage(authorize(form("response_type", "code", "client_id", Demo.SHOP, "redirect_uri",
				SHOP_REDIRECT, "redirect_uri", "http://127.0.0.1:9999/x", "scope", "openid", "state", "s")),
				"invalid_request", "redirect_uri");
	}

	@Test
	void authorizeWhenOpenidRequestWithoutRedirectUriThenErrorPageAndNoRedirect() {
		assertErrorPage(authorize(form("response_type", "code", "client_id", Demo.SHOP, "scope", "openid",
				"state", "s", "code_challenge", PKCE.challenge(), "code_challenge_method", "S256")),
				"invalid_request", "redirect_uri");
	}

	/** RFC 8252 section 7.3: a native app's loopback redirect may use any port. */
	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:9999/callback", "http://127.0.0.1/callback",
			"http://[::1]:51234/callback" })
	void authorizeWhenNativeAppUsesAnotherLoopbackPortThenAnsweredThere(String otherPort) {
		HttpResponse<String> response = authorize(form("response_type", "code", "client_id", nativeApp(),
				"redirect_uri", otherPort, "scope", "openid admin", "state", "s"));
		assertThat(assertErrorRedirect(response, otherPort, "invalid_scope")).containsEntry("state", "s");
	}

	/** The any-port exception is for native apps only: the browser SPA, a public web client, matches exactly. */
	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:9999/spa/callback", "http://127.0.0.1/spa/callback",
			"http://127.0.0.1:8082/spa/callback" })
	void authorizeWhenSpaUsesAnotherLoopbackPortThenErrorPageAndNoRedirect(String otherPort) {
		assertErrorPage(authorize(form("response_type", "code", "client_id", Demo.SPA, "redirect_uri", otherPort,
				"scope", "openid", "state", "s", "code_challenge", PKCE.challenge(), "code_challenge_method", "S256")),
				"invalid_request", "redirect_uri");
	}

	/** A native app registered through the registration rules, once per test run. */
	private String nativeApp() {
		synchronized (AuthorizationEndpointHostileInputTest.class) {
			if (nativeApp == null) {
				nativeApp = "native-app-" + System.nanoTime();
				this.registrations.create(new ClientSpec(nativeApp, "Native app", false, List.of("authorization_code"),
						List.of("http://127.0.0.1/callback", "http://[::1]/callback"), List.of(), List.of("openid"), false,
						null, false, ApplicationType.NATIVE.value()));
			}
			return nativeApp;
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "token", "id_token", "code id_token", "code token", "none", "CODE" })
	void authorizeWhenResponseTypeUnsupportedThenUnsupportedResponseTypeRedirect(String responseType) {
		HttpResponse<String> response = authorize(form("response_type", responseType, "client_id", Demo.SHOP,
				"redirect_uri", SHOP_REDIRECT, "scope", "openid", "state", "s1", "nonce", "n"));
		assertThat(assertErrorRedirect(response, SHOP_REDIRECT, "unsupported_response_type"))
			.containsEntry("state", "s1")
			.doesNotContainKeys("access_token", "id_token");
	}

	@Test
	void authorizeWhenResponseTypeUnsupportedAndRedirectUriUnregisteredThenErrorPage() {
		assertErrorPage(authorize(form("response_type", "token", "client_id", Demo.SHOP, "redirect_uri",
				"https://evil.example/cb", "scope", "openid", "state", "s")), "unsupported_response_type",
				"response_type");
	}

	@Test
	void authorizeWhenResponseTypeMissingThenInvalidRequestRedirect() {
		HttpResponse<String> response = authorize(
				form("client_id", Demo.SHOP, "redirect_uri", SHOP_REDIRECT, "scope", "openid", "state", "s2"));
		assertThat(assertErrorRedirect(response, SHOP_REDIRECT, "invalid_request"))
			.containsEntry("error_description", "OAuth 2.0 Parameter: response_type")
			.containsEntry("state", "s2");
	}

	@Test
	void authorizeWhenResponseTypeDuplicatedThenInvalidRequestRedirect() {
		HttpResponse<String> response = authorize(form("response_type", "code", "response_type", "code", "client_id",
				Demo.SHOP, "redirect_uri", SHOP_REDIRECT, "scope", "openid", "state", "s3"));
		assertThat(assertErrorRedirect(response, SHOP_REDIRECT, "invalid_request")).containsEntry("state", "s3");
	}

	@Test
	void authorizeWhenScopeDuplicatedThenInvalidRequestRedirect() {
		HttpResponse<String> response = authorize(form("response_type", "code", "client_id", Demo.SHOP,
				"redirect_uri", SHOP_REDIRECT, "scope", "openid", "scope", "openid profile", "state", "s4"));
		assertThat(assertErrorRedirect(response, SHOP_REDIRECT, "invalid_request"))
			.containsEntry("error_description", "OAuth 2.0 Parameter: scope")
			.containsEntry("state", "s4");
	}

	@Test
	void authorizeWhenStateDuplicatedThenInvalidRequestRedirectWithoutState() {
		HttpResponse<String> response = authorize(form("response_type", "code", "client_id", Demo.SHOP,
				"redirect_uri", SHOP_REDIRECT, "scope", "openid", "state", "a", "state", "b"));
		assertThat(assertErrorRedirect(response, SHOP_REDIRECT, "invalid_request"))
			.containsEntry("error_description", "OAuth 2.0 Parameter: state")
			.doesNotContainKey("state");
	}

	@ParameterizedTest
	@ValueSource(strings = { "openid admin", "openid offline_access", "orders.delete" })
	void authorizeWhenScopeNotAllowedThenInvalidScopeRedirectWithState(String scope) {
		HttpResponse<String> response = authorize(form("response_type", "code", "client_id", Demo.SHOP,
				"redirect_uri", SHOP_REDIRECT, "scope", scope, "state", "s5", "code_challenge", PKCE.challenge(),
				"code_challenge_method", "S256"));
		assertThat(assertErrorRedirect(response, SHOP_REDIRECT, "invalid_scope")).containsEntry("state", "s5");
	}

	/** A 10 kB state cannot be echoed in a redirect header; it used to end as an empty 500. */
	@Test
	void authorizeWhenStateOf10KilobytesThenErrorPageAndNoRedirect() {
		HttpResponse<String> response = authorize(form("response_type", "code", "client_id", Demo.SHOP,
				"redirect_uri", SHOP_REDIRECT, "scope", "openid admin", "state", "s".repeat(10 * 1024)));
		assertErrorPage(response, "invalid_request", "longer than 4096 characters");
		assertThat(response.headers().allValues("Set-Cookie")).as("nothing saved for later").isEmpty();
	}

	@Test
	void authorizeWhenStateLongerThanLimitThenErrorPageAndNoRedirect() {
		HttpResponse<String> response = authorize(form("response_type", "code", "client_id", Demo.SHOP,
				"redirect_uri", SHOP_REDIRECT, "scope", "openid", "state", "s".repeat(1025)));
		assertErrorPage(response, "invalid_request", "state is longer than 1024 characters");
	}

	@Test
	void authorizeWhenStateAtLimitThenAcceptedAndSentToLogin() {
		HttpResponse<String> response = authorize(form("response_type", "code", "client_id", Demo.SHOP,
				"redirect_uri", SHOP_REDIRECT, "scope", "openid", "state", "s".repeat(1024), "code_challenge",
				PKCE.challenge(), "code_challenge_method", "S256"));
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(UserAgent.location(response)).endsWith("/login");
	}

	@Test
	void authorizeWhenCodeChallengeMethodPlainThenInvalidRequestRedirect() {
		HttpResponse<String> response = authorize(form("response_type", "code", "client_id", Demo.SPA,
				"redirect_uri", Demo.SPA_REDIRECT_URI, "scope", "openid", "state", "s6", "code_challenge",
				PKCE.verifier(), "code_challenge_method", "plain"));
		assertThat(assertErrorRedirect(response, Demo.SPA_REDIRECT_URI, "invalid_request"))
			.containsEntry("error_description", "OAuth 2.0 Parameter: code_challenge_method")
			.containsEntry("state", "s6");
	}

	@Test
	void authorizeWhenCodeChallengeWithoutMethodThenInvalidRequestRedirect() {
		HttpResponse<String> response = authorize(form("response_type", "code", "client_id", Demo.SPA,
				"redirect_uri", Demo.SPA_REDIRECT_URI, "scope", "openid", "state", "s7", "code_challenge",
				PKCE.challenge()));
		assertThat(assertErrorRedirect(response, Demo.SPA_REDIRECT_URI, "invalid_request"))
			.containsEntry("error_description", "OAuth 2.0 Parameter: code_challenge_method");
	}

	@ParameterizedTest
	@MethodSource("codeFlowClients")
	void authorizeWhenNoCodeChallengeThenInvalidRequestRedirect(String clientId) {
		String redirectUri = Demo.SPA.equals(clientId) ? Demo.SPA_REDIRECT_URI : SHOP_REDIRECT;
		HttpResponse<String> response = authorize(form("response_type", "code", "client_id", clientId,
				"redirect_uri", redirectUri, "scope", "openid", "state", "s8"));
		assertThat(assertErrorRedirect(response, redirectUri, "invalid_request"))
			.containsEntry("error_description", "OAuth 2.0 Parameter: code_challenge")
			.containsEntry("state", "s8");
	}

	static Stream<String> codeFlowClients() {
		return Stream.of(Demo.SPA, Demo.SHOP);
	}

	@Test
	void authorizeWhenSignedInAndRequestRefusedThenNoCodeIssued() {
		UserAgent agent = newUserAgent();
		agent.submitLogin(Demo.USERNAME, Demo.PASSWORD);
		HttpResponse<String> response = agent.get("/oauth2/authorize?" + form("response_type", "code", "client_id",
				Demo.SHOP, "redirect_uri", SHOP_REDIRECT, "scope", "openid", "state", "s9"));
		assertThat(assertErrorRedirect(response, SHOP_REDIRECT, "invalid_request")).containsEntry("state", "s9");
	}

	@Test
	void authorizeWhenMethodIsPutThen405() {
		assertJsonError(reply(request("/oauth2/authorize").PUT(HttpRequest.BodyPublishers.noBody())),
				405, "invalid_request");
	}

	private HttpResponse<String> authorize(String query) {
		return newUserAgent().get("/oauth2/authorize?" + query);
	}

}
