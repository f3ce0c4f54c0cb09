package dev.failsafe.idp.server.authorize;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.failsafe.idp.server.clients.ClientProtocolSettings;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.server.testing.TestClients;
import dev.failsafe.idp.testing.Racers;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.Forms;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushed authorization requests (RFC 9126) end to end: the client pushes its request, the browser
 * brings only {@code client_id} and {@code request_uri}, and each {@code request_uri} serves once,
 * also when two requests use it at the same moment. A client registered to push must push.
 */
class PushedAuthorizationRequestTest extends ProviderIntegrationTest {

	private static final String PUSHER = "par-required";

	@Autowired
	private RegisteredClientRepository clients;

	@Test
	void pushedRequestWhenPushedThenSignInWithOnlyItsRequestUri() {
		Pkce pkce = Pkce.create();
		String requestUri = push(Demo.SHOP, Demo.SHOP_SECRET, pkce, "pushed-state");
		UserAgent browser = newUserAgent();
		Map<String, String> answer = codeFlow(browser).authorize(authorizeUrl(Demo.SHOP, requestUri),
				Demo.SHOP_REDIRECT_URI, Demo.USERNAME, Demo.PASSWORD);
		assertThat(answer).containsEntry("state", "pushed-state").containsKey("code");
		BackChannel.Reply tokens = codeFlow(browser).exchange(Demo.SHOP, Demo.SHOP_SECRET,
				answer.get("code"), Demo.SHOP_REDIRECT_URI, pkce.verifier());
		assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);

		HttpResponse<String> again = browser.get(authorizeUrl(Demo.SHOP, requestUri));
		assertThat(again.statusCode()).as("a request_uri serves once").isEqualTo(400);
		assertThat(again.body()).contains("request_uri");
	}

	@Test
	void pushedRequestWhenUsedTwiceAtOnceThenExactlyOneServed() throws Exception {
		UserAgent first = signedIn();
		UserAgent second = signedIn();
		String requestUri = push(Demo.SHOP, Demo.SHOP_SECRET, Pkce.create(), "raced");
		List<HttpResponse<String>> answers = Racers.race(2, new java.util.concurrent.Callable<>() {

			private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

			@Override
			public HttpResponse<String> call() {
				return ((this.next.getAndIncrement() == 0) ? first : second).get(authorizeUrl(Demo.SHOP, requestUri));
			}

		});
		assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(302, 400);
		assertThat(answers).filteredOn(answer -> answer.statusCode() == 302)
			.singleElement()
			.satisfies(answer -> assertThat(UserAgent.redirectParameters(answer)).containsKey("code"));
	}

	@Test
	void pushedRequestWhenAnotherClientsOrMadeUpThenRefused() {
		String shops = push(Demo.SHOP, Demo.SHOP_SECRET, Pkce.create(), "s");
		UserAgent browser = signedIn();
		assertThat(browser.get(authorizeUrl(Demo.SPA, shops)).statusCode()).isEqualTo(400);
		assertThat(browser.get(authorizeUrl(Demo.SHOP, PushedRequests.URN_PREFIX + "made-up___9999999999999"))
			.statusCode()).isEqualTo(400);
		assertThat(browser.get(authorizeUrl(Demo.SHOP, shops)).statusCode()).as("still usable by its client")
			.isEqualTo(302);
	}

	@Test
	void pushWhenRequestInvalidOrClientUnauthenticatedThenJsonError() {
		BackChannel.Reply badRedirect = this.backChannel.postBasic("/oauth2/par", Demo.SHOP,
				Demo.SHOP_SECRET, Map.of("response_type", List.of("code"), "client_id", List.of(Demo.SHOP),
						"redirect_uri", List.of("https://evil.example/cb"), "scope", List.of("openid")));
		assertThat(badRedirect.status()).isEqualTo(400);
		assertThat(badRedirect.json()).containsEntry("error", "invalid_request");
		BackChannel.Reply noResponseType = this.backChannel.postBasic("/oauth2/par", Demo.SHOP, Demo.SHOP_SECRET,
				Map.of("client_id", List.of(Demo.SHOP), "scope", List.of("openid")));
		assertThat(noResponseType.status()).as(noResponseType.raw().body()).isEqualTo(400);
		assertThat(noResponseType.json()).containsEntry("error", "invalid_request");
		BackChannel.Reply noClient = this.backChannel.postBasic("/oauth2/par", null, null,
				Map.of("response_type", List.of("code"), "client_id", List.of(Demo.SHOP)));
		assertThat(noClient.status()).isEqualTo(401);
		assertThat(noClient.json()).containsEntry("error", "invalid_client");
	}

	@Test
	void authorizeWhenClientMustPushAndDidNotThenInvalidRequest() {
		registerPusher();
		String url = "/oauth2/authorize?" + Forms.encode(Map.of("response_type", List.of("code"), "client_id",
				List.of(PUSHER), "redirect_uri", List.of("https://pusher.example/cb"), "scope", List.of("openid"),
				"state", List.of("st")));
		HttpResponse<String> refused = newUserAgent().get(url);
		assertThat(UserAgent.location(refused)).startsWith("https://pusher.example/cb?");
		assertThat(UserAgent.redirectParameters(refused)).containsEntry("error", "invalid_request")
			.containsEntry("state", "st");
		String requestUri = this.backChannel.postBasic("/oauth2/par", PUSHER, TestClients.secretOf(PUSHER),
				Map.of("response_type", List.of("code"), "client_id", List.of(PUSHER), "redirect_uri",
						List.of("https://pusher.example/cb"), "scope", List.of("openid"), "state", List.of("st")))
			.expect(201, "push")
			.string("request_uri");
		assertThat(UserAgent.isLoginForm(newUserAgent().get(authorizeUrl(PUSHER, requestUri)))).isTrue();
	}

	private String push(String clientId, String secret, Pkce pkce, String state) {
		BackChannel.Reply pushed = this.backChannel.postBasic("/oauth2/par", clientId, secret,
				Map.of("response_type", List.of("code"), "client_id", List.of(clientId), "redirect_uri",
						List.of(Demo.SHOP_REDIRECT_URI), "scope", List.of("openid"), "state", List.of(state),
						"nonce", List.of("n"), "code_challenge", List.of(pkce.challenge()), "code_challenge_method",
						List.of("S256")));
		pushed.expect(201, "push");
		assertThat(pushed.json()).containsKey("expires_in");
		assertThat(pushed.string("request_uri")).startsWith(PushedRequests.URN_PREFIX);
		return pushed.string("request_uri");
	}

	private UserAgent signedIn() {
		UserAgent browser = newUserAgent();
		codeFlow(browser).authorize(Demo.SHOP, Demo.SHOP_REDIRECT_URI, "openid", Pkce.create(), "s", "n",
				Demo.USERNAME, Demo.PASSWORD);
		return browser;
	}

	private static String authorizeUrl(String clientId, String requestUri) {
		return "/oauth2/authorize?" + Forms.encode(Map.of("client_id", List.of(clientId), "request_uri",
				List.of(requestUri)));
	}

	private void registerPusher() {
		synchronized (PushedAuthorizationRequestTest.class) {
			if (this.clients.findByClientId(PUSHER) == null) {
				this.clients.save(TestClients.confidential(PUSHER)
					.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
					.redirectUri("https://pusher.example/cb")
					.scopes(scopes -> scopes.addAll(Set.of("openid")))
					.clientSettings(ClientSettings.builder()
						.requireProofKey(false)
						.setting(ClientProtocolSettings.REQUIRE_PUSHED_AUTHORIZATION_REQUESTS, true)
						.build())
					.build());
			}
		}
	}

}
