package dev.failsafe.idp.server.logout;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.failsafe.idp.replication.backchannel.LogoutDeliveryStore;
import dev.failsafe.idp.replication.backchannel.RedisLogoutDeliveryStore;
import dev.failsafe.idp.server.AuthServerApplication;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.server.testing.RunningProvider;
import dev.failsafe.idp.testing.backchannel.VerifiedLogoutToken;
import dev.failsafe.idp.testing.Wait;
import dev.failsafe.idp.testing.backchannel.LogoutTokenReceiver;
import dev.failsafe.idp.testing.redis.RedisServer;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Back-channel logout on Redis (a real primary whose writes a real replica acknowledges): a session
 * that expires (here after 3 s idle) is heard of through Redis keyspace notifications, its relying
 * party told and its refresh token revoked; the delivery goes through the Redis store and leaves
 * nothing behind.
 */
@SpringBootTest(classes = AuthServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class RedisSessionExpiryLogoutTest {

	private static final RunningProvider PROVIDER = RunningProvider.create();

	private static RedisServer primary;

	private static RedisServer replica;

	private static LogoutTokenReceiver receiver;

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		PROVIDER.register(registry);
		primary = RedisServer.start();
		replica = RedisServer.startReplicaOf(primary);
		primary.awaitInSync(1, Duration.ofSeconds(20));
		receiver = LogoutTokenReceiver.start();
		registry.add("spring.data.redis.host", primary::host);
		registry.add("spring.data.redis.port", primary::port);
		registry.add("idp.redis.replicas-to-ack", () -> "1");
		registry.add("spring.session.timeout", () -> "3s");
	}

	@AfterAll
	static void stop() {
		receiver.close();
		replica.close();
		primary.close();
	}

	@Autowired
	private LogoutDeliveryStore deliveries;

	@Test
	void sessionWhenExpiredInRedisThenRelyingPartyToldAndRefreshTokenRevoked() {
		assertThat(this.deliveries).isInstanceOf(RedisLogoutDeliveryStore.class);
		BackChannel backChannel = new BackChannel(PROVIDER);
		String admin = backChannel.clientCredentials(Demo.ADMIN, Demo.ADMIN_SECRET, Demo.ADMIN_SCOPE);
		String clientId = "expiry-rp-" + UUID.randomUUID();
		String redirectUri = "http://127.0.0.1:9/" + clientId + "/callback";
		String secret = backChannel.bearer("POST", PROVIDER.uri("/admin/clients"), admin, """
				{"clientId":"%s","clientName":"Expiry RP","grantTypes":["authorization_code","refresh_token"],
				 "redirectUris":["%s"],"scopes":["openid"],"requireConsent":false,"backchannelLogoutUri":"%s"}"""
			.formatted(clientId, redirectUri, receiver.uri())).expect(201, "registration").string("clientSecret");
		CodeFlow flow = new CodeFlow(new UserAgent(PROVIDER), backChannel);
		Pkce pkce = Pkce.create();
		Map<String, String> callback = flow.authorize(clientId, redirectUri, "openid", pkce, "s", "n",
				Demo.USERNAME, Demo.PASSWORD);
		BackChannel.Reply tokens = flow.exchange(clientId, secret, callback.get("code"), redirectUri, pkce.verifier())
			.expect(200, "code exchange");

		LogoutTokenReceiver.Received told = receiver.await(Duration.ofSeconds(90));
		assertThat(told).as("a logout token once the session expired").isNotNull();
		VerifiedLogoutToken token = VerifiedLogoutToken.verify(told.logoutToken(), PROVIDER, clientId);
		assertThat(token.sessionId()).isEqualTo(VerifiedLogoutToken.sidOf(tokens.string("id_token")));
		assertThat(flow.refresh(clientId, secret, tokens.string("refresh_token")).status()).isEqualTo(400);
		Wait.until("the delivery settled", Duration.ofSeconds(10), Duration.ofMillis(100),
				() -> ((java.util.List<?>) primary.call("KEYS", "idp:backchannel-logout:delivery:*")).isEmpty());
	}

}
