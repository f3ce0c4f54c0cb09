package dev.failsafe.idp.server.login;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.redis.RedisPair;
import dev.failsafe.idp.server.AuthServerApplication;
import dev.failsafe.idp.server.testing.RunningProvider;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two providers sharing one Redis (a real primary whose writes a real replica acknowledges) hold one
 * login budget between them, not one each; both run the packaged configuration, so an
 * X-Forwarded-For from their loopback peer is believed by neither.
 */
class SharedLoginBudgetTest {

	private static RedisPair redis;

	private static final List<RunningProvider> NODES = new ArrayList<>();

	private static final List<ConfigurableApplicationContext> CONTEXTS = new ArrayList<>();

	@BeforeAll
	static void start() {
		redis = RedisPair.start();
		for (int node = 0; node < 2; node++) {
			RunningProvider provider = RunningProvider.create();
			NODES.add(provider);
			CONTEXTS.add(new SpringApplicationBuilder(AuthServerApplication.class).run(
					"--server.port=" + provider.port(), "--idp.issuer=" + provider.issuer(),
					"--idp.data-dir=" + provider.dataDir(), "--spring.data.redis.host=" + redis.primary().host(),
					"--spring.data.redis.port=" + redis.primary().port(), "--idp.redis.replicas-to-ack=1",
					"--idp.redis.ack-timeout=2s", "--logging.structured.format.console="));
		}
	}

	@AfterAll
	static void stop() {
		CONTEXTS.forEach(ConfigurableApplicationContext::close);
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void loginWhenFailuresSpreadOverTwoNodesThenOneBudgetAndUntrustedForwardedForIgnored() {
		LoginProperties limits = CONTEXTS.get(0).getBean(LoginProperties.class);
		for (int attempt = 0; attempt < limits.maxFailuresPerPair(); attempt++) {
			// Each attempt at the other node, each claiming another address its peer is not trusted for.
			UserAgent agent = new UserAgent(NODES.get(attempt % 2), "2001:db8:" + attempt + "::1");
			assertThat(UserAgent.location(agent.submitLogin(Demo.USERNAME, "wrong-" + attempt)))
				.endsWith("/login?error");
		}
		assertThat(redis.primary().call("KEYS", "idp:login:pair:*")).asList().hasSize(1);

		for (RunningProvider node : NODES) {
			HttpResponse<String> blocked = new UserAgent(node, "2001:db8:ff::1").submitLogin(Demo.USERNAME,
					Demo.PASSWORD);
			assertThat(blocked.statusCode()).as("the right password, at either node").isEqualTo(429);
			assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
		}
	}

}
