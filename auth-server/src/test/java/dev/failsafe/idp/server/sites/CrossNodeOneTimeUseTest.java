package dev.failsafe.idp.server.sites;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.failsafe.idp.server.AuthServerApplication;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.server.dpop.DpopProofs;
import dev.failsafe.idp.server.testing.RunningProvider;
import dev.failsafe.idp.testing.Racers;
import dev.failsafe.idp.testing.postgres.PostgresServer;
import dev.failsafe.idp.testing.redis.RedisServer;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Forms;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What must be used once stays used once across nodes: two providers share one Redis (a real primary
 * whose writes a real replica acknowledges) and one PostgreSQL directory, as two nodes behind a load
 * balancer (both believe its {@code X-Forwarded-*}, so both see one public address). A pushed
 * authorization request's {@code request_uri} used at both at once serves once; a DPoP proof
 * accepted at one is refused at the other. (Separate processes would share no memory at all; these
 * two share a JVM, so the assertions check that the refusal comes from the replicated store.)
 */
class CrossNodeOneTimeUseTest {

	/** The load balancer's public address, as both nodes see it. */
	private static final String PUBLIC = "https://idp.example";

	private static RedisServer primary;

	private static RedisServer replica;

	private static PostgresServer postgres;

	private static final List<RunningProvider> NODES = new ArrayList<>();

	private static final List<ConfigurableApplicationContext> CONTEXTS = new ArrayList<>();

	@BeforeAll
	static void start() {
		postgres = PostgresServer.start();
		primary = RedisServer.start();
		replica = RedisServer.startReplicaOf(primary);
		primary.awaitInSync(1, Duration.ofSeconds(20));
		for (int node = 0; node < 2; node++) {
			RunningProvider provider = RunningProvider.create();
			NODES.add(provider);
			// One after the other: the first migrates the directory and seeds the demo tenant.
			CONTEXTS.add(new SpringApplicationBuilder(AuthServerApplication.class).run(
					"--server.port=" + provider.port(), "--idp.issuer=" + provider.issuer(),
					"--idp.data-dir=" + provider.dataDir(), "--spring.data.redis.host=" + primary.host(),
					"--spring.data.redis.port=" + primary.port(), "--idp.redis.replicas-to-ack=1",
					"--idp.redis.ack-timeout=2s", "--spring.datasource.url=" + postgres.jdbcUrl(),
					"--spring.datasource.username=" + postgres.username(),
					"--spring.datasource.password=" + postgres.password(), "--idp.demo.seed-external-database=true",
					"--server.tomcat.remoteip.internal-proxies=" + RunningProvider.PROXY + "/32",
					"--logging.structured.format.console="));
		}
	}

	@AfterAll
	static void stop() {
		CONTEXTS.forEach(ConfigurableApplicationContext::close);
		for (AutoCloseable server : new AutoCloseable[] { replica, primary, postgres }) {
			try {
				if (server != null) {
					server.close();
				}
			}
			catch (Exception ex) {
				// Nothing more to do for a server that will not stop: its process dies with the JVM.
			}
		}
	}

	@Test
	void pushedRequestWhenUsedAtBothNodesAtOnceThenServedOnce() throws Exception {
		UserAgent atFirst = signedIn(NODES.get(0));
		UserAgent atSecond = signedIn(NODES.get(1));
		String requestUri = new BackChannel(NODES.get(0)).postBasic("/oauth2/par", Demo.SHOP,
				Demo.SHOP_SECRET, Map.of("response_type", List.of("code"), "client_id", List.of(Demo.SHOP),
						"redirect_uri", List.of(Demo.SHOP_REDIRECT_URI), "scope", List.of("openid"), "state",
						List.of("raced"), "code_challenge", List.of(Pkce.create().challenge()), "code_challenge_method",
						List.of("S256")))
			.expect(201, "push")
			.string("request_uri");
		String url = "/oauth2/authorize?" + Forms.encode(Map.of("client_id", List.of(Demo.SHOP),
				"request_uri", List.of(requestUri)));
		AtomicInteger next = new AtomicInteger();
		List<HttpResponse<String>> answers = Racers.race(2,
				() -> ((next.getAndIncrement() == 0) ? atFirst : atSecond).get(url));
		assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(302, 400);
	}

	@Test
	void dpopProofWhenAcceptedAtOneNodeThenRefusedAtTheOther() {
		DpopProofs key = DpopProofs.create();
		String proof = key.proof("POST", PUBLIC + "/oauth2/token");
		BackChannel.Reply first = clientCredentials(NODES.get(0), proof);
		assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
		assertThat(first.string("token_type")).isEqualTo("DPoP");

		BackChannel.Reply replayed = clientCredentials(NODES.get(1), proof);
		assertThat(replayed.status()).as(replayed.raw().body()).isEqualTo(400);
		// Refused by the replicated record, not by a memory (both nodes run in this one JVM, whose
		// static cache Spring's own check shares): the use is in Redis, and the answer says so.
		assertThat(replayed.json()).containsEntry("error", "invalid_dpop_proof")
			.containsEntry("error_description", "The DPoP proof was used already (jti).");
		assertThat(primary.call("KEYS", "idp:once:dpop:*")).asList().isNotEmpty();
		assertThat(clientCredentials(NODES.get(1), key.proof("POST", PUBLIC + "/oauth2/token")).status())
			.as("a fresh proof at the second node")
			.isEqualTo(200);
	}

	/** A token request as it reaches a node through the load balancer at {@value #PUBLIC}. */
	private static BackChannel.Reply clientCredentials(RunningProvider node, String proof) {
		return new BackChannel(node).send(HttpRequest.newBuilder(URI.create(node.issuer() + "/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Authorization", BackChannel.basic(Demo.PARTNER_API, Demo.PARTNER_API_SECRET))
			.header("X-Forwarded-Host", "idp.example")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Port", "443")
			.header("DPoP", proof)
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=orders.read"))
			.build());
	}

	private static UserAgent signedIn(RunningProvider node) {
		UserAgent browser = new UserAgent(node);
		new CodeFlow(browser, new BackChannel(node)).authorize(Demo.SHOP, Demo.SHOP_REDIRECT_URI, "openid",
				Pkce.create(), "s", "n", Demo.USERNAME, Demo.PASSWORD);
		return browser;
	}

}
