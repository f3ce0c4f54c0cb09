package dev.failsafe.idp.server.directory;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.server.AuthServerApplication;
import dev.failsafe.idp.server.testing.RunningProvider;
import dev.failsafe.idp.testing.postgres.PostgresServer;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The directory (PostgreSQL) gone while the provider runs, as during a failover before a standby is
 * promoted: the node reports not ready (drained) but alive, and every request that needs the
 * directory gets "try again", never a 500 or a false success: a token request 503
 * {@code temporarily_unavailable} JSON, an admin change a 503 problem with {@code Retry-After}, the
 * login form "unavailable" rather than "wrong password".
 */
class DirectoryUnavailableTest {

	private static final String NEW_CLIENT = """
			{"clientId":"during-failover","clientName":"Created during a failover","clientType":"confidential",
			 "grantTypes":["client_credentials"],"scopes":["orders.read"]}""";

	@Test
	void requestsWhenDirectoryGoneThenTryAgainAndNodeNotReady() {
		RunningProvider provider = RunningProvider.create();
		BackChannel backChannel = new BackChannel(provider);
		PostgresServer postgres = PostgresServer.start();
		try (ConfigurableApplicationContext context = start(provider, postgres)) {
			assertThat(backChannel.status("/actuator/health/readiness")).isEqualTo(200);
			String adminToken = backChannel.postBasic("/oauth2/token", Demo.ADMIN, Demo.ADMIN_SECRET,
					Map.of("grant_type", List.of("client_credentials"), "scope", List.of(Demo.ADMIN_SCOPE)))
				.string("access_token");
			UserAgent browser = new UserAgent(provider);
			String csrf = UserAgent.csrfToken(browser.get("/login").body());

			postgres.close();

			await().atMost(Duration.ofSeconds(20))
				.until(() -> backChannel.status("/actuator/health/readiness") == 503);
			assertThat(backChannel.status("/actuator/health/liveness")).isEqualTo(200);

			BackChannel.Reply token = backChannel.postBasic("/oauth2/token", Demo.PARTNER_API,
					Demo.PARTNER_API_SECRET, Map.of("grant_type", List.of("client_credentials")));
			assertThat(token.status()).as(token.raw().body()).isEqualTo(503);
			assertThat(token.json()).containsEntry("error", "temporarily_unavailable");
			assertThat(token.raw().headers().firstValue("Retry-After")).isPresent();

			BackChannel.Reply created = backChannel.send(HttpRequest.newBuilder(provider.uri("/admin/clients"))
				.header("Authorization", "Bearer " + adminToken)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(NEW_CLIENT))
				.build());
			assertThat(created.status()).as(created.raw().body()).isEqualTo(503);
			assertThat(created.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("application/problem+json"));
			assertThat(created.raw().headers().firstValue("Retry-After")).isPresent();
			assertThat(created.raw().body()).doesNotContain("secret", "Exception", "jdbc");

			HttpResponse<String> login = browser.postForm("/login", Map.of("username", List.of(Demo.USERNAME),
					"password", List.of(Demo.PASSWORD), "_csrf", List.of(csrf)));
			assertThat(UserAgent.location(login)).endsWith("/login?unavailable");
		}
	}

	private static ConfigurableApplicationContext start(RunningProvider provider, PostgresServer postgres) {
		return new SpringApplicationBuilder(AuthServerApplication.class).run("--server.port=" + provider.port(),
				"--idp.issuer=" + provider.issuer(), "--idp.data-dir=" + provider.dataDir(),
				"--spring.datasource.url=" + postgres.jdbcUrl() + "?connectTimeout=1&socketTimeout=5",
				"--spring.datasource.username=" + postgres.username(),
				"--spring.datasource.password=" + postgres.password(), "--idp.demo.seed-external-database=true",
				"--idp.clients.cache-time=0s", "--logging.structured.format.console=");
	}

}
