package dev.failsafe.idp.server.sites;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.server.protocol.RetryAfter;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.redis.RedisServer;
import dev.failsafe.idp.server.AuthServerApplication;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.server.testing.RunningProvider;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Redis gone (SIGKILL), a signed-in user's next page and a client's token request get "try
 * again" (503), never a 500: session reads are store failures like writes. Pages get the provider's
 * own "try again" page, never the servlet container's bare one (which a session read failing again
 * in the error dispatch used to leave). The node reports not ready, but alive. Both answers ask for
 * the same wait ({@code Retry-After}).
 */
@SpringBootTest(classes = AuthServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class RedisUnreachableTest {

	private static final RunningProvider PROVIDER = RunningProvider.create();

	private static RedisServer redis;

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		PROVIDER.register(registry);
		redis = RedisServer.start();
		registry.add("spring.data.redis.host", redis::host);
		registry.add("spring.data.redis.port", redis::port);
		registry.add("idp.redis.replicas-to-ack", () -> "0");
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void pagesAndTokensWhenRedisKilledThenTryAgainNotServerError() {
		UserAgent agent = new UserAgent(PROVIDER);
		HttpResponse<String> login = agent.submitLogin(Demo.USERNAME, Demo.PASSWORD);
		assertThat(UserAgent.location(login)).doesNotContain("/login?");

		redis.kill();

		HttpResponse<String> page = agent.get("/oauth2/consent?client_id=demo-shop&state=s&scope=openid");
		assertOurTryAgainPage(page);
		// An error page for another cause reads the session too: still ours, never the container's.
		assertOurTryAgainPage(agent.get("/no-such-page"));
		assertOurTryAgainPage(new UserAgent(PROVIDER).get("/login"));

		BackChannel.Reply token = new BackChannel(PROVIDER).postBasic("/oauth2/token", Demo.PARTNER_API,
				Demo.PARTNER_API_SECRET, Map.of("grant_type", List.of("client_credentials")));
		assertThat(token.status()).isEqualTo(503);
		assertThat(token.json()).containsEntry("error", "temporarily_unavailable");
		// One wait for both: the page's and the token endpoint's Retry-After are the same value.
		String wait = Long.toString(RetryAfter.UNCONFIRMED_WRITE.toSeconds());
		assertThat(page.headers().firstValue("Retry-After")).hasValue(wait);
		assertThat(token.raw().headers().firstValue("Retry-After")).hasValue(wait);

		// Not ready (the load balancer drains the node), still alive (no restart would help).
		assertThat(new BackChannel(PROVIDER).status("/actuator/health/readiness")).isEqualTo(503);
		assertThat(new BackChannel(PROVIDER).status("/actuator/health/liveness")).isEqualTo(200);
	}

	/** The provider's own "try again" page, not the servlet container's bare "HTTP Status 503". */
	private static void assertOurTryAgainPage(HttpResponse<String> page) {
		assertThat(page.statusCode()).isEqualTo(503);
		assertThat(page.headers().firstValue("Retry-After")).isPresent();
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("id=\"try-again\"", "Failsafe ID").doesNotContain("HTTP Status", "Apache Tomcat");
	}
}
