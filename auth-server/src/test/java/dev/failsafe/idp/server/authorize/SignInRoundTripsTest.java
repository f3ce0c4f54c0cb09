package dev.failsafe.idp.server.authorize;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.testing.Wait;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.testing.signin.UserAgent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 1: a returning user who has consented signs in with three requests from the
 * authorization request to tokens, as with Keycloak: the authorization endpoint answers with the
 * login page, the form's POST answers with the redirect to the client carrying the code, and the
 * client exchanges it. Counted on both sides: each answer leads straight to the next request, and
 * the provider served exactly three requests ({@code http.server.requests}).
 */
class SignInRoundTripsTest extends ProviderIntegrationTest {

	@Autowired
	private MeterRegistry meters;

	@Test
	void signInWhenReturningUserHasConsentedThenThreeRequestsFromAuthorizeToTokens() {
		// The first visit: sign-in and consent (five requests: page, POST, consent page, its POST, code exchange).
		Pkce first = Pkce.create();
		Map<String, String> consented = codeFlow(newUserAgent()).authorize(Demo.SHOP,
				Demo.SHOP_REDIRECT_URI, "openid profile", first, "s0", "n0", Demo.USERNAME,
				Demo.PASSWORD);
		assertThat(consented).containsKey("code");

		// The returning user, in a new browser session.
		UserAgent browser = newUserAgent();
		Pkce pkce = Pkce.create();
		long before = servedRequests();

		HttpResponse<String> loginPage = browser.get(CodeFlow.authorizeUrl(Demo.SHOP,
				Demo.SHOP_REDIRECT_URI, "openid profile", pkce, "s1", "n1"));
		assertThat(UserAgent.isLoginForm(loginPage)).as("1: the authorization endpoint shows the login page").isTrue();

		HttpResponse<String> toClient = browser.submitLogin(loginPage.body(), Demo.USERNAME, Demo.PASSWORD);
		assertThat(UserAgent.location(toClient)).as("2: the form's answer is the redirect to the client")
			.startsWith(Demo.SHOP_REDIRECT_URI + "?");
		Map<String, String> answer = UserAgent.redirectParameters(toClient);
		assertThat(answer).containsEntry("state", "s1").containsKey("code");

		BackChannel.Reply tokens = codeFlow(browser).exchange(Demo.SHOP, Demo.SHOP_SECRET,
				answer.get("code"), Demo.SHOP_REDIRECT_URI, pkce.verifier());
		assertThat(tokens.status()).as("3: the code exchange").isEqualTo(200);
		assertThat(tokens.json()).containsKeys("access_token", "id_token", "refresh_token");

		Wait.until("the provider to record its requests", Duration.ofSeconds(5), Duration.ofMillis(20),
				() -> servedRequests() >= before + 3);
		assertThat(servedRequests() - before).as("requests the provider served").isEqualTo(3);
	}

	private long servedRequests() {
		return this.meters.find("http.server.requests").timers().stream().mapToLong(Timer::count).sum();
	}

}
