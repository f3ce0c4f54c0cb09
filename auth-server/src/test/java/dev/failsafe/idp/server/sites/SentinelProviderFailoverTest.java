package dev.failsafe.idp.server.sites;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;




import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.redis.RedisServer;
import dev.failsafe.idp.testing.redis.SentinelSet;
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
 * The provider on Redis Sentinel through Spring Boot's own {@code spring.data.redis.sentinel.*}, in
 * the topology of docs/availability.md: every node alike ({@code min-replicas-to-write 1}, one
 * {@code replica-priority}), the primary with two direct replicas (one per other place), three
 * sentinels deeming it down after 3 s. Before the kill, {@code /admin/sites} judges the topology safe
 * (both replicas promotable, one waited for). The primary is killed with SIGKILL: Sentinel promotes
 * one replica and the other follows it, so writes are acknowledged again; a user signed in before the
 * kill is still signed in with the same cookie, a refresh token issued before the kill refreshes, one
 * revoked before the kill stays refused, and new logins succeed (the window is printed,
 * {@code SENTINEL} line).
 */
@SpringBootTest(classes = AuthServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class SentinelProviderFailoverTest {

	private static final RunningProvider PROVIDER = RunningProvider.create();

	private static RedisServer primary;

	private static RedisServer replica;

	private static RedisServer otherReplica;

	private static SentinelSet sentinels;

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		PROVIDER.register(registry);
		String[] everyNode = { "--replica-priority", "100", "--min-replicas-to-write", "1", "--min-replicas-max-lag",
				"3" };
		primary = RedisServer.start(everyNode);
		replica = RedisServer.startReplicaOf(primary, everyNode);
		otherReplica = RedisServer.startReplicaOf(primary, everyNode);
		primary.awaitInSync(2, Duration.ofSeconds(20));
		sentinels = SentinelSet.monitoring(primary, Duration.ofMillis(3000));
		registry.add("spring.data.redis.sentinel.master", () -> SentinelSet.MASTER);
		registry.add("spring.data.redis.sentinel.nodes", () -> String.join(",", sentinels.nodes()));
		registry.add("spring.data.redis.timeout", () -> "2s");
		registry.add("idp.redis.replicas-to-ack", () -> "1");
		registry.add("idp.redis.ack-timeout", () -> "500ms");
	}

	@AfterAll
	static void stopRedis() {
		for (AutoCloseable process : new AutoCloseable[] { sentinels, otherReplica, replica, primary }) {
			if (process != null) {
				try {
					process.close();
				}
				catch (Exception ex) {
					// Stopping test processes: nothing left to do.
				}
			}
		}
	}

	@Autowired
	private ApplicationContext provider;

	private final BackChannel backChannel = new BackChannel(PROVIDER);

	@Test
	@SuppressWarnings("unchecked")
	void primaryWhenKilledThenSessionsAndTokensAcknowledgedBeforeSurviveAndLoginsResume() {
		AcknowledgedRedisStores.assertInUse(this.provider);
		UserAgent browser = new UserAgent(PROVIDER);
		CodeFlow flow = new CodeFlow(browser, this.backChannel);
		String refreshToken = signInAndExchange(flow).string("refresh_token");
		String revokedRefreshToken = signInAndExchange(flow).string("refresh_token");
		BackChannel.Reply revoked = this.backChannel.postBasic("/oauth2/revoke", Demo.SHOP,
				Demo.SHOP_SECRET, Map.of("token", List.of(revokedRefreshToken)));
		assertThat(revoked.status()).isEqualTo(200);
		Map<String, Object> failover = failoverVerdict();
		assertThat((List<String>) failover.get("problems")).as("the topology is judged safe").isEmpty();
		assertThat((List<String>) failover.get("promotable")).hasSize(2);
		assertThat(failover).containsEntry("waitedFor", 1);

		long killedAt = System.nanoTime();
		primary.kill();
		sentinels.awaitPromotionAway(primary.port(), Duration.ofSeconds(60));
		assertThat(sentinels.primaryPort()).as("one of the two replicas is promoted")
			.isIn(replica.port(), otherReplica.port());
		await("a new login acknowledged").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
			.until(() -> loginAcknowledged(new UserAgent(PROVIDER)));
		long loginsBackAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);

		assertThat(flow.signedIn()).as("the session made before the kill, same cookie").isTrue();
		BackChannel.Reply refreshed = flow.refresh(Demo.SHOP, Demo.SHOP_SECRET, refreshToken);
		assertThat(refreshed.status()).as(refreshed.raw().body()).isEqualTo(200);
		BackChannel.Reply refused = flow.refresh(Demo.SHOP, Demo.SHOP_SECRET, revokedRefreshToken);
		assertThat(refused.json()).as("a revocation made before the kill").containsEntry("error", "invalid_grant");
		assertThat(signInAndExchange(new CodeFlow(new UserAgent(PROVIDER), this.backChannel)).status())
			.isEqualTo(200);
		System.out.printf("SENTINEL kill-to-login-acknowledged=%d ms%n", loginsBackAfter);
	}

	/** {@code redisFailover} of {@code GET /admin/sites}, with the demo tenant's admin client. */
	@SuppressWarnings("unchecked")
	private Map<String, Object> failoverVerdict() {
		String token = this.backChannel.clientCredentials(Demo.ADMIN, Demo.ADMIN_SECRET, Demo.ADMIN_SCOPE);
		BackChannel.Reply sites = this.backChannel.getBearer("/admin/sites", token);
		assertThat(sites.status()).as(sites.raw().body()).isEqualTo(200);
		return (Map<String, Object>) sites.json().get("redisFailover");
	}

	private BackChannel.Reply signInAndExchange(CodeFlow flow) {
		Pkce pkce = Pkce.create();
		String code = flow.authorize(Demo.SHOP, Demo.SHOP_REDIRECT_URI, "openid", pkce, "s", "n",
				Demo.USERNAME, Demo.PASSWORD).get("code");
		BackChannel.Reply tokens = flow.exchange(Demo.SHOP, Demo.SHOP_SECRET, code,
				Demo.SHOP_REDIRECT_URI, pkce.verifier());
		assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
		return tokens;
	}

	private static boolean loginAcknowledged(UserAgent browser) {
		HttpResponse<String> page = browser.get("/login");
		if (page.statusCode() != 200) {
			return false;
		}
		HttpResponse<String> login = browser.postForm("/login", Map.of("username", List.of(Demo.USERNAME),
				"password", List.of(Demo.PASSWORD), "_csrf", List.of(UserAgent.csrfToken(page.body()))));
		return UserAgent.isRedirect(login) && !UserAgent.location(login).contains("/login?");
	}

}
