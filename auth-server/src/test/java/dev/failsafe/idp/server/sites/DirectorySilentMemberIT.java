package dev.failsafe.idp.server.sites;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.server.AuthServerApplication;
import dev.failsafe.idp.server.testing.RunningProvider;
import dev.failsafe.idp.testing.network.Site;
import dev.failsafe.idp.testing.network.SiteNetwork;
import dev.failsafe.idp.testing.postgres.PostgresPair;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The directory's primary goes silent (its site cut off: packets vanish, nothing is refused) while
 * its streaming standby in the provider's own site stays: the readiness probe keeps answering within
 * the load balancer's check timeout the whole time, the node comes back ready reading from the
 * standby well before anything is promoted (here nothing ever is), logins and token requests go on
 * through the standby, and directory writes answer "try again" (only a primary acknowledges them).
 * Real PostgreSQL primary and standby in two network namespaces; the provider runs in the test's
 * own namespace with the production connection string, listing the primary's site first.
 */
class DirectorySilentMemberIT {

	/** HAProxy's {@code timeout check} in the drills and the chart's example. */
	private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);

	/** The pool emptied after a failed check (1 s) plus one connection attempt to the silent member (2 s), with room. */
	private static final Duration BACK_ON_STANDBY = Duration.ofSeconds(10);

	private static final String NEW_CLIENT = """
			{"clientId":"while-primary-silent","clientName":"Made while the primary is silent","clientType":"confidential",
			 "grantTypes":["client_credentials"],"scopes":["orders.read"]}""";

	@TempDir
	Path dir;

	private SiteNetwork network;

	private PostgresPair directory;

	@AfterEach
	void tearDown() throws Exception {
		if (this.network != null) {
			this.network.rejoin(0);
		}
		if (this.directory != null) {
			this.directory.close();
		}
		if (this.network != null) {
			this.network.close();
		}
	}

	@Test
	void readinessWhenPrimarySilentThenAnswersWithinCheckTimeoutAndReadsGoOnFromStandby() throws Exception {
		this.network = SiteNetwork.create(2);
		Site primary = this.network.site(0, "a");
		Site standby = this.network.site(1, "b");
		this.directory = PostgresPair.start(this.dir, primary, standby, this.network.cidr());
		RunningProvider provider = RunningProvider.create();
		BackChannel backChannel = new BackChannel(provider);
		try (ConfigurableApplicationContext context = start(provider, primary, standby, this.directory.password())) {
			assertThat(directoryRole(provider, backChannel)).isEqualTo("primary");
			String adminToken = backChannel.clientCredentials(Demo.ADMIN, Demo.ADMIN_SECRET, Demo.ADMIN_SCOPE);
			this.directory.awaitReplicaCaughtUp(primary, standby, Duration.ofSeconds(30));

			this.network.isolate(0);
			long cutAt = System.nanoTime();
			long slowest = 0;
			Long backAt = null;
			while (backAt == null || System.nanoTime() - backAt < Duration.ofSeconds(3).toNanos()) {
				assertThat(Duration.ofNanos(System.nanoTime() - cutAt)).as("back on the standby").isLessThan(BACK_ON_STANDBY);
				long asked = System.nanoTime();
				HttpResponse<String> readiness = readiness(provider, backChannel);
				slowest = Math.max(slowest, System.nanoTime() - asked);
				if (backAt == null && readiness.statusCode() == 200 && readiness.body().contains("\"standby\"")) {
					backAt = System.nanoTime();
				}
				Thread.sleep(100);
			}
			System.out.printf("DIRECTORY silent-primary: ready on the standby after %d ms, slowest probe %d ms%n",
					(backAt - cutAt) / 1_000_000, slowest / 1_000_000);
			assertThat(Duration.ofNanos(slowest)).as("every readiness probe during the cut").isLessThan(CHECK_TIMEOUT);

			assertThat(backChannel.clientCredentials(Demo.PARTNER_API, Demo.PARTNER_API_SECRET, null))
				.as("a token: its client read from the standby").isNotBlank();
			HttpResponse<String> login = new UserAgent(provider).submitLogin(Demo.USERNAME, Demo.PASSWORD);
			assertThat(UserAgent.location(login)).as("a login: its user read from the standby")
				.doesNotContain("/login?unavailable", "/login?error");
			BackChannel.Reply created = backChannel.send(HttpRequest.newBuilder(provider.uri("/admin/clients"))
				.header("Authorization", "Bearer " + adminToken)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(NEW_CLIENT))
				.build());
			assertThat(created.status()).as("a directory write needs the primary: " + created.raw().body())
				.isEqualTo(503);
			assertThat(directoryRole(provider, backChannel)).isEqualTo("standby");
		}
	}

	private static String directoryRole(RunningProvider provider, BackChannel backChannel) {
		await().atMost(Duration.ofSeconds(30)).until(() -> readiness(provider, backChannel).statusCode() == 200);
		String body = readiness(provider, backChannel).body();
		return body.contains("\"role\":\"standby\"") ? "standby" : body.contains("\"role\":\"primary\"") ? "primary" : body;
	}

	private static HttpResponse<String> readiness(RunningProvider provider, BackChannel backChannel) {
		return backChannel.send(HttpRequest.newBuilder(provider.uri("/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(10))
			.build()).raw();
	}

	private static ConfigurableApplicationContext start(RunningProvider provider, Site primary, Site standby,
			String password) {
		String members = primary.address() + ":" + PostgresPair.PORT + "," + standby.address() + ":" + PostgresPair.PORT;
		return new SpringApplicationBuilder(AuthServerApplication.class).run("--server.port=" + provider.port(),
				"--idp.issuer=" + provider.issuer(), "--idp.data-dir=" + provider.dataDir(),
				"--spring.datasource.url=jdbc:postgresql://" + members + "/" + PostgresPair.DATABASE
						+ "?targetServerType=preferPrimary&hostRecheckSeconds=2&connectTimeout=2&socketTimeout=3",
				"--spring.flyway.url=" + PostgresPair.jdbcUrl(primary) + "?targetServerType=primary&connectTimeout=2",
				"--spring.datasource.username=" + PostgresPair.USERNAME,
				"--spring.datasource.password=" + password, "--spring.flyway.user=" + PostgresPair.USERNAME,
				"--spring.flyway.password=" + password, "--idp.demo.seed-external-database=true",
				"--idp.clients.cache-time=0s", "--management.endpoint.health.show-details=always",
				"--logging.structured.format.console=");
	}

}
