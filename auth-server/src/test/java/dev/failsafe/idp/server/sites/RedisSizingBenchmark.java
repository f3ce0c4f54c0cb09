package dev.failsafe.idp.server.sites;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.redis.RedisPair;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.server.testing.RunningProvider;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sizing figures of the README (not part of {@code ./mvnw verify}; run with
 * {@code -Didp.benchmark=true}): bytes per session and per authorization in Redis
 * ({@code MEMORY USAGE}) and the latency of a login (the login form's POST, which saves the signed-in
 * session) with and without {@code WAIT}, on a real primary with a real replica.
 */
abstract class RedisSizingBenchmark {

	/** Each context gets its own port: the first one stays cached (and listening) while the second runs. */
	static RunningProvider PROVIDER;

	private static final int WARM_UP = 30;

	private static final int LOGINS = 300;

	static RedisPair redis;

	static void register(DynamicPropertyRegistry registry, int replicasToAck) {
		PROVIDER = RunningProvider.create();
		PROVIDER.register(registry);
		redis = RedisPair.start("--min-replicas-to-write", "1", "--min-replicas-max-lag", "10");
		registry.add("spring.data.redis.host", redis.primary()::host);
		registry.add("spring.data.redis.port", redis.primary()::port);
		registry.add("idp.redis.replicas-to-ack", () -> Integer.toString(replicasToAck));
		registry.add("logging.level.root", () -> "WARN");
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void measure() {
		List<Long> micros = new ArrayList<>();
		for (int i = 0; i < WARM_UP + LOGINS; i++) {
			UserAgent browser = new UserAgent(PROVIDER);
			HttpResponse<String> page = browser.get("/login");
			String csrf = UserAgent.csrfToken(page.body());
			long start = System.nanoTime();
			HttpResponse<String> login = browser.postForm("/login", Map.of("username", List.of(Demo.USERNAME),
					"password", List.of(Demo.PASSWORD), "_csrf", List.of(csrf)));
			long took = (System.nanoTime() - start) / 1_000;
			assertThat(UserAgent.location(login)).doesNotContain("/login?");
			if (i >= WARM_UP) {
				micros.add(took);
			}
		}
		Collections.sort(micros);
		System.out.printf("BENCHMARK %s logins=%d p50=%.1fms p99=%.1fms%n", getClass().getSimpleName(),
				LOGINS, micros.get(LOGINS / 2) / 1000.0, micros.get(LOGINS * 99 / 100) / 1000.0);

		// One full code flow with refresh, then the size of each kind of key.
		CodeFlow flow = new CodeFlow(new UserAgent(PROVIDER), new BackChannel(PROVIDER));
		Pkce pkce = Pkce.create();
		String code = flow.authorize(Demo.SHOP, Demo.SHOP_REDIRECT_URI, "openid profile email", pkce,
				"s", "n", Demo.USERNAME, Demo.PASSWORD).get("code");
		BackChannel.Reply tokens = flow.exchange(Demo.SHOP, Demo.SHOP_SECRET, code,
				Demo.SHOP_REDIRECT_URI, pkce.verifier());
		assertThat(tokens.status()).isEqualTo(200);
		Map<String, List<Long>> sizes = new TreeMap<>();
		@SuppressWarnings("unchecked")
		List<Object> keys = (List<Object>) redis.primary().call("KEYS", "idp:*");
		for (Object key : keys) {
			String name = (String) key;
			String kind = name.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}|[A-Za-z0-9_-]{20,}$|\\d{10,}", "*");
			Long bytes = (Long) redis.primary().call("MEMORY", "USAGE", name, "SAMPLES", "0");
			sizes.computeIfAbsent(kind, (k) -> new ArrayList<>()).add(bytes);
		}
		sizes.forEach((kind, values) -> System.out.printf("BENCHMARK key %s count=%d median=%d bytes max=%d bytes%n",
				kind, values.size(), values.stream().sorted().toList().get(values.size() / 2),
				Collections.max(values)));
		System.out.println("BENCHMARK used_memory=" + redis.primary().info("memory", "used_memory") + " keys=" + keys.size());
	}

}
