package dev.failsafe.idp.server.authorize;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Random;

import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 item 2: a {@code state} and a {@code nonce} of 4 KB each work end to end (ASP.NET Core's
 * handler puts a protected blob of that order into state), the whole request up to
 * {@code idp.front-channel.max-request-size} (16 KB) and a state up to {@code max-state-size} (8 KB)
 * echoed in redirects; one character more gets our error page, never the container's.
 */
class LongParametersTest extends ProviderIntegrationTest {

	private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	@Test
	void signInWhenStateAndNonceOf4KilobytesThenBothComeBackIntact() throws Exception {
		String state = random(4096, 1);
		String nonce = random(4096, 2);
		Pkce pkce = Pkce.create();
		UserAgent browser = newUserAgent();
		Map<String, String> answer = codeFlow(browser).authorize(Demo.SHOP, Demo.SHOP_REDIRECT_URI,
				"openid profile email", pkce, state, nonce, Demo.USERNAME, Demo.PASSWORD);
		assertThat(answer.get("state")).isEqualTo(state);
		BackChannel.Reply tokens = codeFlow(browser).exchange(Demo.SHOP, Demo.SHOP_SECRET,
				answer.get("code"), Demo.SHOP_REDIRECT_URI, pkce.verifier());
		assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
		assertThat(SignedJWT.parse(tokens.string("id_token")).getJWTClaimsSet().getStringClaim("nonce")).isEqualTo(nonce);
	}

	@Test
	void authorizeWhenRequestExactlyAtTheLimitThenServedAndOneMoreRefused() {
		String base = CodeFlow.authorizeUrl(Demo.SHOP, Demo.SHOP_REDIRECT_URI, "openid", Pkce.create(),
				"s", "n") + "&filler=";
		String query = base.substring(base.indexOf('?') + 1);
		String atLimit = base + "f".repeat(16 * 1024 - query.length());
		assertThat(atLimit.substring(atLimit.indexOf('?') + 1)).hasSize(16 * 1024);
		assertThat(UserAgent.isLoginForm(newUserAgent().get(atLimit))).as("login page at the limit").isTrue();
		HttpResponse<String> over = newUserAgent().get(atLimit + "f");
		assertThat(over.statusCode()).isEqualTo(400);
		assertThat(over.body()).contains("longer than 16384 characters");
	}

	/** The longest state is echoed in an error redirect too (here login_required), and in a POSTed request's. */
	@Test
	void errorRedirectWhenStateAtTheLimitThenEchoedIntact() {
		String state = random(8192, 3);
		String url = CodeFlow.authorizeUrl(Demo.SHOP, Demo.SHOP_REDIRECT_URI, "openid", Pkce.create(),
				state, "n") + "&prompt=none";
		HttpResponse<String> response = newUserAgent().get(url);
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(UserAgent.redirectParameters(response)).containsEntry("error", "login_required")
			.containsEntry("state", state);
	}

	@Test
	void signInWhenPostedRequestOf12KilobytesThenResumedAfterLogin() {
		String state = random(6000, 4);
		String nonce = random(6000, 5);
		Pkce pkce = Pkce.create();
		UserAgent browser = newUserAgent();
		HttpResponse<String> page = browser.postForm("/oauth2/authorize",
				Map.of("response_type", java.util.List.of("code"), "client_id", java.util.List.of(Demo.SPA),
						"redirect_uri", java.util.List.of(Demo.SPA_REDIRECT_URI), "scope",
						java.util.List.of("openid"), "state", java.util.List.of(state), "nonce", java.util.List.of(nonce),
						"code_challenge", java.util.List.of(pkce.challenge()), "code_challenge_method",
						java.util.List.of("S256")));
		assertThat(UserAgent.isLoginForm(page)).isTrue();
		HttpResponse<String> answer = browser.submitLogin(page.body(), Demo.USERNAME, Demo.PASSWORD);
		if (UserAgent.location(answer).contains("/oauth2/consent")) {
			answer = codeFlow(browser).approve(browser.get(UserAgent.location(answer)).body());
		}
		assertThat(UserAgent.location(answer)).startsWith(Demo.SPA_REDIRECT_URI);
		assertThat(UserAgent.redirectParameters(answer)).containsEntry("state", state).containsKey("code");
	}

	private static String random(int length, long seed) {
		Random random = new Random(seed);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(BASE64URL.charAt(random.nextInt(BASE64URL.length())));
		}
		return text.toString();
	}

}
