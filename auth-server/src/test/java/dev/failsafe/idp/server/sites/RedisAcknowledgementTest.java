package dev.failsafe.idp.server.sites;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;




import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.redis.RedisPair;
import dev.failsafe.idp.server.AuthServerApplication;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.server.testing.RunningProvider;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.context.SpringBootTest;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WAIT proof, with real processes: a provider on a real Redis primary ({@code min-replicas-to-write
 * 1}) and a real replica. Without a replica acknowledging, a login through the login form is refused
 * with "try again" and a token request gets 503 {@code temporarily_unavailable}; with the replica back
 * and in sync, both succeed. Two ways to lose the replica: SIGKILL (the primary then refuses writes,
 * {@code NOREPLICAS}) and SIGSTOP (the primary still takes writes within {@code min-replicas-max-lag};
 * only a {@code WAIT} on the connection that wrote them catches it).
 */
@SpringBootTest(classes = AuthServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class RedisAcknowledgementTest {

	private static final RunningProvider PROVIDER = RunningProvider.create();

	private static RedisPair redis;

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		PROVIDER.register(registry);
		redis = RedisPair.start("--min-replicas-to-write", "1", "--min-replicas-max-lag", "30");
		registry.add("spring.data.redis.host", redis.primary()::host);
		registry.add("spring.data.redis.port", redis.primary()::port);
		registry.add("idp.redis.replicas-to-ack", () -> "1");
		registry.add("idp.redis.ack-timeout", () -> "400ms");
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.close();
		}
	}

	@Autowired
	private ApplicationContext provider;

	private final BackChannel backChannel = new BackChannel(PROVIDER);

	@Test
	void loginAndTokenWhenReplicaKilledThenRefusedAndWhenBackInSyncThenSucceed() {
		AcknowledgedRedisStores.assertInUse(this.provider);
		Pending pending = codeAndLoginForm();
		String admin = adminToken();
		assertThat(this.backChannel.status("/actuator/health/readiness")).isEqualTo(200);

		redis.replica().kill();
		assertRefused(pending);
		// Readiness tells the load balancer to drain this node; liveness does not ask for a restart.
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.backChannel.status("/actuator/health/readiness") == 503);
		assertThat(this.backChannel.status("/actuator/health/liveness")).isEqualTo(200);
		assertThat(redisReport(admin)).containsEntry("role", "primary").containsEntry("goodReplicas", 0)
			.containsEntry("replicasToAck", 1);

		redis.replica().restart();
		redis.primary().awaitInSync(1, Duration.ofSeconds(20));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.backChannel.status("/actuator/health/readiness") == 200);
		assertThat(redisReport(admin)).containsEntry("reachable", true).containsEntry("goodReplicas", 1);
		// The refused exchange changed nothing (NOREPLICAS): the same code still works.
		assertThat(pending.exchange().status()).isEqualTo(200);
		assertSignInSucceeds();
	}

	@Test
	void loginAndTokenWhenReplicaFrozenThenWaitRefusesAndWhenThawedThenSucceed() {
		Pending pending = codeAndLoginForm();

		redis.replica().freeze();
		try {
			assertRefused(pending);
		}
		finally {
			redis.replica().thaw();
		}
		redis.primary().awaitInSync(1, Duration.ofSeconds(20));
		// WAIT is no rollback: the primary redeemed the code, the client was told 503 and starts again.
		assertThat(pending.exchange().json()).containsEntry("error", "invalid_grant");
		Pending fresh = codeAndLoginForm();
		assertThat(fresh.exchange().status()).isEqualTo(200);
		assertSignInSucceeds();
	}

	private String adminToken() {
		BackChannel.Reply token = this.backChannel.postBasic("/oauth2/token", Demo.ADMIN, Demo.ADMIN_SECRET,
				Map.of("grant_type", List.of("client_credentials"), "scope", List.of("admin")));
		assertThat(token.status()).isEqualTo(200);
		return token.string("access_token");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> redisReport(String adminToken) {
		BackChannel.Reply sites = this.backChannel.getBearer("/admin/sites", adminToken);
		assertThat(sites.status()).as(sites.raw().body()).isEqualTo(200);
		return (Map<String, Object>) sites.json().get("redis");
	}

	/** A code not yet exchanged, and a login form loaded by another browser, both while all is well. */
	private Pending codeAndLoginForm() {
		CodeFlow flow = new CodeFlow(new UserAgent(PROVIDER), this.backChannel);
		Pkce pkce = Pkce.create();
		String code = flow.authorize(Demo.SHOP, Demo.SHOP_REDIRECT_URI, "openid", pkce, "s", "n",
				Demo.USERNAME, Demo.PASSWORD).get("code");
		UserAgent browser = new UserAgent(PROVIDER);
		HttpResponse<String> form = browser.get("/login");
		assertThat(form.statusCode()).isEqualTo(200);
		return new Pending(flow, pkce, code, browser, UserAgent.csrfToken(form.body()));
	}

	private void assertRefused(Pending pending) {
		String anonymousSession = pending.browser().cookie("IDPSESSION").orElseThrow();
		HttpResponse<String> login = pending.submitLogin();
		assertThat(UserAgent.location(login)).as("login refused").endsWith("/login?unavailable");
		// The id of the unconfirmed signed-in session never reached the browser.
		assertThat(login.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("IDPSESSION=")
				&& !cookie.startsWith("IDPSESSION=" + anonymousSession) && !cookie.contains("Max-Age=0"));
		assertThat(pending.browser().cookie("IDPSESSION")).hasValue(anonymousSession);

		BackChannel.Reply token = pending.exchange();
		assertThat(token.status()).as(token.raw().body()).isEqualTo(503);
		assertThat(token.json()).containsEntry("error", "temporarily_unavailable").doesNotContainKey("access_token");
	}

	private void assertSignInSucceeds() {
		UserAgent browser = new UserAgent(PROVIDER);
		HttpResponse<String> login = browser.submitLogin(Demo.USERNAME, Demo.PASSWORD);
		assertThat(UserAgent.location(login)).as("login succeeded").doesNotContain("/login?");
		assertThat(new CodeFlow(browser, this.backChannel).signedIn()).isTrue();
	}

	private record Pending(CodeFlow flow, Pkce pkce, String code, UserAgent browser, String csrf) {

		HttpResponse<String> submitLogin() {
			return this.browser.postForm("/login", Map.of("username", List.of(Demo.USERNAME), "password",
					List.of(Demo.PASSWORD), "_csrf", List.of(this.csrf)));
		}

		BackChannel.Reply exchange() {
			return this.flow.exchange(Demo.SHOP, Demo.SHOP_SECRET, this.code, Demo.SHOP_REDIRECT_URI,
					this.pkce.verifier());
		}

	}

}
