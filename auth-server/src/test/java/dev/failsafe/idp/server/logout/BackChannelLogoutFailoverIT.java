package dev.failsafe.idp.server.logout;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.backchannel.VerifiedLogoutToken;
import dev.failsafe.idp.testing.Ports;
import dev.failsafe.idp.testing.TestKek;
import dev.failsafe.idp.testing.backchannel.LogoutTokenReceiver;
import dev.failsafe.idp.testing.provider.Provider;
import dev.failsafe.idp.testing.provider.ProviderProcess;
import dev.failsafe.idp.testing.redis.RedisServer;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A logout acknowledged at one provider, that provider SIGKILLed right after, and the logout token
 * delivered by the other: two provider processes (one key-ring cluster, one issuer) share a real
 * Redis primary whose every acknowledged write a real replica confirms. The relying party holds
 * node a's call open, so node a dies in the middle of its delivery; node b takes the delivery over
 * once node a's claim runs out and makes it. Prints the time from the logout's acknowledgement to
 * the delivery (the figure the README reports).
 */
class BackChannelLogoutFailoverIT {

	private static final Duration START = Duration.ofSeconds(240);

	/** The lease of the test's providers: twice 1 s to connect plus 2 s for the answer. */
	private static final Duration LEASE = Duration.ofSeconds(6);

	private final List<AutoCloseable> running = new ArrayList<>();

	@TempDir
	Path dir;

	@AfterEach
	void stopAll() throws Exception {
		for (AutoCloseable resource : this.running.reversed()) {
			resource.close();
		}
	}

	@Test
	void logoutWhenAcknowledgingNodeKilledDuringItsDeliveryThenTheOtherNodeDeliversTheSameLogoutToken()
			throws Exception {
		RedisServer primary = closeLater(RedisServer.start());
		RedisServer replica = closeLater(RedisServer.startReplicaOf(primary));
		primary.awaitInSync(1, Duration.ofSeconds(20));
		LogoutTokenReceiver relyingParty = closeLater(LogoutTokenReceiver.start());
		List<ProviderProcess> nodes = nodes(primary);
		for (ProviderProcess node : nodes) {
			node.start();
		}
		for (ProviderProcess node : nodes) {
			node.awaitReady(START);
		}
		ProviderProcess a = nodes.get(0);
		ProviderProcess b = nodes.get(1);
		String clientId = "failover-rp-" + UUID.randomUUID();
		// Each node's directory sends its logout tokens to a URI naming the node.
		String secretAtA = register(a, clientId, relyingParty.uri("a"));
		register(b, clientId, relyingParty.uri("b"));

		// Alice signs in at node a; her session and the authorization live in Redis.
		UserAgent browser = new UserAgent(a);
		CodeFlow flow = new CodeFlow(browser, new BackChannel(a));
		Pkce pkce = Pkce.create();
		String redirectUri = "http://127.0.0.1:9/" + clientId + "/callback";
		Map<String, String> callback = flow.authorize(clientId, redirectUri, "openid", pkce, "s", "n",
				Demo.USERNAME, Demo.PASSWORD);
		String idToken = flow.exchange(clientId, secretAtA, callback.get("code"), redirectUri, pkce.verifier())
			.expect(200, "code exchange")
			.string("id_token");

		relyingParty.hold();
		HttpResponse<String> endSession = browser.get("/connect/logout?id_token_hint=" + idToken);
		HttpResponse<String> page = browser.get(UserAgent.location(endSession));
		HttpResponse<String> acknowledged = browser.postForm("/logout/confirm",
				Map.of("_csrf", List.of(UserAgent.csrfToken(page.body()))));
		Instant acknowledgedAt = Instant.now();
		assertThat(acknowledged.statusCode()).isEqualTo(302);
		assertThat(UserAgent.location(acknowledged)).endsWith("/logout/done");
		assertThat(replica.call("KEYS", "idp:backchannel-logout:delivery:*")).as("on the replica when acknowledged")
			.asList()
			.hasSize(1);

		LogoutTokenReceiver.Received fromA = relyingParty.await(Duration.ofSeconds(30));
		assertThat(fromA).as("node a's attempt").isNotNull();
		// Node a took the delivery at once (woken by its own logout); node b looks only every 3 s.
		assertThat(fromA.query()).isEqualTo("sender=a");
		a.kill();
		Instant killedAt = Instant.now();
		relyingParty.answer(200);
		relyingParty.release();

		LogoutTokenReceiver.Received fromB = relyingParty.await(LEASE.plus(Duration.ofSeconds(30)));
		assertThat(fromB).as("node b's delivery").isNotNull();
		assertThat(fromB.query()).isEqualTo("sender=b");
		assertThat(fromB.at()).isAfter(killedAt);
		VerifiedLogoutToken delivered = VerifiedLogoutToken.verify(fromB.logoutToken(), b, clientId);
		assertThat(delivered.tokenId()).isEqualTo(VerifiedLogoutToken.verify(fromA.logoutToken(), b, clientId).tokenId());
		assertThat(delivered.subject()).isEqualTo(Demo.USERNAME);
		assertThat(delivered.sessionId()).isEqualTo(VerifiedLogoutToken.sidOf(idToken));

		Duration sinceAcknowledged = Duration.between(acknowledgedAt, fromB.at());
		Duration sinceKilled = Duration.between(killedAt, fromB.at());
		String figure = "back-channel logout after SIGKILL: acknowledged at node a, delivered by node b "
				+ sinceAcknowledged.toMillis() + " ms after the acknowledgement, " + sinceKilled.toMillis()
				+ " ms after the kill (lease " + LEASE.toSeconds() + " s)";
		System.out.println(figure);
		Files.writeString(Path.of("target", "backchannel-failover.txt"), figure + System.lineSeparator());
	}

	/** Node a and node b: one issuer, one key-ring cluster (sites a and b), the shared Redis. */
	private List<ProviderProcess> nodes(RedisServer primary) throws IOException {
		String kek = TestKek.random();
		String cluster = "bcl-" + UUID.randomUUID();
		List<Integer> http = List.of(Ports.free(), Ports.free());
		List<Integer> members = List.of(Ports.free(), Ports.free());
		String memberList = "127.0.0.1:" + members.get(0) + ",127.0.0.1:" + members.get(1);
		List<ProviderProcess> nodes = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			String site = (i == 0) ? "a" : "b";
			ProviderProcess node = new ProviderProcess("node-" + site, http.get(i), this.dir.resolve("node-" + site),
					List.of("--idp.issuer=http://127.0.0.1:" + http.get(0), "--idp.hazelcast.site=" + site,
							"--idp.hazelcast.cluster-name=" + cluster, "--idp.hazelcast.port=" + members.get(i),
							"--idp.hazelcast.members=" + memberList, "--spring.data.redis.host=" + primary.host(),
							"--spring.data.redis.port=" + primary.port(), "--idp.redis.replicas-to-ack=1",
							"--idp.backchannel-logout.connect-timeout=1s", "--idp.backchannel-logout.request-timeout=2s",
							"--idp.backchannel-logout.lease=" + LEASE.toSeconds() + "s",
							"--idp.backchannel-logout.poll-interval=" + ((i == 0) ? "1s" : "3s")),
					Map.of("IDP_KEK", kek))
				.withLog(this.dir.resolve("node-" + site + ".log"));
			nodes.add(closeLater(node));
		}
		return nodes;
	}

	/** Registers the relying party at {@code node}'s directory; answers its secret there. */
	private static String register(Provider node, String clientId, String backchannelLogoutUri) {
		BackChannel channel = new BackChannel(node);
		String token = channel.clientCredentials(Demo.ADMIN, Demo.ADMIN_SECRET, Demo.ADMIN_SCOPE);
		return channel.bearer("POST", node.uri("/admin/clients"), token, """
				{"clientId":"%s","clientName":"Failover RP","grantTypes":["authorization_code"],
				 "redirectUris":["http://127.0.0.1:9/%s/callback"],"scopes":["openid"],"requireConsent":false,
				 "backchannelLogoutUri":"%s"}""".formatted(clientId, clientId, backchannelLogoutUri))
			.expect(201, "registration")
			.string("clientSecret");
	}

	private <T extends AutoCloseable> T closeLater(T resource) {
		this.running.add(resource);
		return resource;
	}

}
