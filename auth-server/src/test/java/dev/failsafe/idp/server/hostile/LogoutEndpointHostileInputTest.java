package dev.failsafe.idp.server.hostile;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.failsafe.idp.server.hostile.ProtocolAssertions.assertErrorPage;
import static dev.failsafe.idp.server.hostile.ProtocolAssertions.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /connect/logout} (OIDC RP-Initiated Logout) under hostile input: without a valid
 * {@code id_token_hint} or with a {@code post_logout_redirect_uri} that is not registered exactly,
 * the user sees our error page, is sent nowhere, and stays signed in.
 */
class LogoutEndpointHostileInputTest extends HostileInputSupport {

	private static final String LOGOUT = "/connect/logout";

	/**
	 * Nothing proves the request comes from the shop: a browser with nobody signed in is shown our
	 * signed-out page, never sent to the post-logout redirect URI.
	 */
	@Test
	void logoutWhenIdTokenHintMissingThenSignedOutPageAndNoRedirectToTheRelyingParty() {
		HttpResponse<String> response = newUserAgent().get(LOGOUT + "?" + form("post_logout_redirect_uri",
				Demo.SHOP_POST_LOGOUT_URI, "state", "s"));
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(UserAgent.location(response)).isEqualTo(PROVIDER.issuer() + "/logout/done");
	}

	@Test
	void logoutWhenClientIdUnknownOrParameterRepeatedThenErrorPage() {
		assertErrorPage(newUserAgent().get(LOGOUT + "?" + form("client_id", "no-such-client")), "invalid_request",
				"client_id");
		assertErrorPage(newUserAgent().get(LOGOUT + "?" + form("client_id", "x".repeat(500))), "invalid_request",
				"client_id");
		assertErrorPage(newUserAgent().get(LOGOUT + "?" + form("state", "a", "state", "b")), "invalid_request",
				"state");
		assertErrorPage(newUserAgent().get(LOGOUT + "?" + form("post_logout_redirect_uri", "https://evil.example/",
				"client_id", Demo.SHOP)), "invalid_request", "post_logout_redirect_uri");
	}

	@Test
	void logoutWhenIdTokenHintOfAnotherProviderOrUnsignedThenErrorPage() {
		String idToken = grants().shopTokens().string("id_token");
		String[] parts = idToken.split("\\.");
		String unsigned = java.util.Base64.getUrlEncoder().withoutPadding()
			.encodeToString("{\"alg\":\"none\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[1] + ".";
		assertErrorPage(newUserAgent().get(LOGOUT + "?" + form("id_token_hint", unsigned)), "invalid_token",
				"id_token_hint");
	}

	@Test
	void logoutWhenIdTokenHintDuplicatedThenErrorPageAndNoRedirect() {
		String idToken = grants().shopTokens().string("id_token");
		assertErrorPage(newUserAgent().get(LOGOUT + "?" + form("id_token_hint", idToken, "id_token_hint", idToken,
				"post_logout_redirect_uri", Demo.SHOP_POST_LOGOUT_URI)), "invalid_request", "id_token_hint");
	}

	@Test
	void logoutWhenIdTokenHintGarbageThenErrorPageAndNoRedirect() {
		assertErrorPage(newUserAgent().get(LOGOUT + "?" + form("id_token_hint", "garbage",
				"post_logout_redirect_uri", Demo.SHOP_POST_LOGOUT_URI)), "invalid_token", "id_token_hint");
	}

	@Test
	void logoutWhenAccessTokenPresentedAsIdTokenHintThenErrorPageAndNoRedirect() {
		String accessToken = grants().shopTokens().string("access_token");
		assertErrorPage(newUserAgent().get(LOGOUT + "?" + form("id_token_hint", accessToken,
				"post_logout_redirect_uri", Demo.SHOP_POST_LOGOUT_URI)), "invalid_token", "id_token_hint");
	}

	@Test
	void logoutWhenIdTokenHintTamperedThenErrorPageAndNoRedirect() {
		String idToken = grants().shopTokens().string("id_token");
		String tampered = idToken.substring(0, idToken.length() - 4) + "AAAA";
		assertErrorPage(newUserAgent().get(LOGOUT + "?" + form("id_token_hint", tampered,
				"post_logout_redirect_uri", Demo.SHOP_POST_LOGOUT_URI)), "invalid_token", "id_token_hint");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:8081", // registered one has a trailing slash
			"http://127.0.0.1:8081//", "http://127.0.0.1:8081/?x=1", "http://127.0.0.1:8081/#f",
			"http://127.0.0.1:9999/", "HTTP://127.0.0.1:8081/", "http://localhost:8081/",
			"http://evil@127.0.0.1:8081/", "https://evil.example/", "http://127.0.0.1:8081/spa/" })
	void logoutWhenPostLogoutRedirectUriNotRegisteredThenErrorPageAndUserStaysSignedIn(String redirectUri) {
		UserAgent agent = grants().agent();
		String idToken = grants().shopTokens().string("id_token");
		HttpResponse<String> response = agent.get(LOGOUT + "?" + form("id_token_hint", idToken,
				"post_logout_redirect_uri", redirectUri, "state", "s"));
		assertErrorPage(response, "invalid_request", "post_logout_redirect_uri");
		assertThat(grants().shopCode().value()).as("still signed in: a code without login").isNotBlank();
	}

	@Test
	void logoutWhenClientIdNotTheTokensAudienceThenErrorPageAndNoRedirect() {
		String idToken = grants().shopTokens().string("id_token");
		assertErrorPage(newUserAgent().get(LOGOUT + "?" + form("id_token_hint", idToken, "client_id",
				Demo.SPA, "post_logout_redirect_uri", Demo.SPA_POST_LOGOUT_URI)), "invalid_request",
				"client_id");
	}

	/** The state would be echoed in the redirect after logout; past the limit it cannot be. */
	@Test
	void logoutWhenStateOversizedThenErrorPageAndNoRedirect() {
		String idToken = grants().shopTokens().string("id_token");
		assertErrorPage(newUserAgent().get(LOGOUT + "?" + form("id_token_hint", idToken,
				"post_logout_redirect_uri", Demo.SHOP_POST_LOGOUT_URI, "state", "s".repeat(2048))),
				"invalid_request", "state is longer than 1024 characters");
	}

	@Test
	void logoutWhenPutThen405() {
		assertJsonError(reply(request(LOGOUT).PUT(HttpRequest.BodyPublishers.noBody())), 405, "invalid_request");
	}

}
