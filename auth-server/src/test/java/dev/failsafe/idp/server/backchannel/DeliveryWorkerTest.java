package dev.failsafe.idp.server.backchannel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.hazelcast.core.HazelcastInstance;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.replication.backchannel.HazelcastLogoutDeliveryStore;
import dev.failsafe.idp.replication.backchannel.LogoutDelivery;
import dev.failsafe.idp.replication.hazelcast.HazelcastTestMembers;
import dev.failsafe.idp.server.clients.BackChannelLogoutRegistration;
import dev.failsafe.idp.testing.Wait;
import dev.failsafe.idp.testing.backchannel.LogoutTokenReceiver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery worker against a real Hazelcast store and a real HTTP endpoint, with short settings:
 * calls bounded in number and time, retries until delivered or given up, a client gone, and a node
 * that dies in the middle of a call (its lease runs out, another node delivers).
 */
class DeliveryWorkerTest {

	private static final Duration DEADLINE = Duration.ofSeconds(20);

	private static HazelcastInstance hazelcast;

	private static RSAKey key;

	private final List<DeliveryWorker> workers = new ArrayList<>();

	private HazelcastLogoutDeliveryStore store;

	private LogoutTokenReceiver receiver;

	private SimpleMeterRegistry meters;

	private InMemoryRegisteredClientRepository clients;

	@BeforeAll
	static void startMember() throws Exception {
		hazelcast = HazelcastTestMembers.standalone();
		key = new RSAKeyGenerator(2048).keyID("test-key").generate();
	}

	@AfterAll
	static void stopMember() {
		hazelcast.shutdown();
	}

	@BeforeEach
	void setUp() {
		hazelcast.getMap(HazelcastLogoutDeliveryStore.DELIVERIES_MAP).clear();
		this.store = new HazelcastLogoutDeliveryStore(hazelcast);
		this.receiver = LogoutTokenReceiver.start();
		this.meters = new SimpleMeterRegistry();
		this.clients = new InMemoryRegisteredClientRepository(client("rp", this.receiver.uri()),
				client("quiet-rp", null));
	}

	@AfterEach
	void tearDown() {
		this.workers.forEach(DeliveryWorker::stop);
		this.receiver.close();
	}

	@Test
	void deliverWhenRelyingPartyAnswersThenOneSignedTokenAndTheDeliveryForgotten() throws Exception {
		start(settings(3, Duration.ofSeconds(2)));
		LogoutDelivery delivery = schedule("rp");

		LogoutTokenReceiver.Received received = this.receiver.await(DEADLINE);
		SignedJWT token = SignedJWT.parse(received.logoutToken());
		assertThat(token.getHeader().getType().getType()).isEqualTo("logout+jwt");
		assertThat(token.getHeader().getKeyID()).isEqualTo("test-key");
		assertThat(token.getJWTClaimsSet().getJWTID()).isEqualTo(delivery.tokenId());
		assertThat(token.getJWTClaimsSet().getStringClaim("sid")).isEqualTo(delivery.sessionId());
		Wait.until("delivered", DEADLINE, Duration.ofMillis(50), () -> count("delivered") == 1);
		assertThat(this.store.pending()).isZero();
		assertThat(this.meters.get("idp.backchannel_logout.delay").timer().count()).isEqualTo(1);
	}

	@Test
	void deliverWhenRelyingPartyKeepsFailingThenRetriedWithTheSameJtiThenGivenUpAndForgotten() {
		start(settings(3, Duration.ofSeconds(2)));
		this.receiver.answer(503);
		schedule("rp");

		Wait.until("given up", DEADLINE, Duration.ofMillis(50), () -> count("given_up") == 1);
		assertThat(this.receiver.received()).hasSize(3)
			.extracting(request -> jti(request.logoutToken()))
			.containsOnly(jti(this.receiver.received().get(0).logoutToken()));
		assertThat(count("retried")).isEqualTo(2);
		assertThat(this.store.pending()).isZero();
	}

	@Test
	void deliverWhenRelyingPartyRecoversThenDeliveredOnALaterAttempt() {
		start(settings(5, Duration.ofSeconds(2)));
		this.receiver.answer(500);
		schedule("rp");
		Wait.until("a failed attempt", DEADLINE, Duration.ofMillis(20), () -> count("retried") >= 1);
		this.receiver.answer(200);

		Wait.until("delivered", DEADLINE, Duration.ofMillis(50), () -> count("delivered") == 1);
		assertThat(this.receiver.received()).hasSizeGreaterThanOrEqualTo(2);
		assertThat(this.store.pending()).isZero();
	}

	@Test
	void deliverWhenRelyingPartyHangsThenCallsAreBoundedInNumberAndTime() {
		start(settings(10, Duration.ofSeconds(1)));
		this.receiver.hold();
		for (int i = 0; i < 5; i++) {
			schedule("rp");
		}
		Wait.until("two calls held", DEADLINE, Duration.ofMillis(20), () -> this.receiver.received().size() >= 2);
		// Held long enough for unbounded calls to show: the other three wait for a free slot.
		Wait.pause(Duration.ofMillis(300));
		assertThat(this.receiver.received()).hasSize(2);
		assertThat(this.meters.get("idp.backchannel_logout.in_flight").gauge().value()).isEqualTo(2.0);

		// Each held call times out after the request timeout and is tried again later.
		Wait.until("a held call timed out", DEADLINE, Duration.ofMillis(50), () -> count("retried") >= 1);
		this.receiver.release();
		Wait.until("all delivered", DEADLINE, Duration.ofMillis(50), () -> count("delivered") == 5);
		assertThat(this.store.pending()).isZero();
	}

	@Test
	void deliverWhenClientGoneOrWithoutUriThenDropped() {
		start(settings(3, Duration.ofSeconds(2)));
		schedule("quiet-rp");
		schedule("deleted-rp");

		Wait.until("dropped", DEADLINE, Duration.ofMillis(50), () -> count("dropped") == 2);
		assertThat(this.receiver.received()).isEmpty();
		assertThat(this.store.pending()).isZero();
	}

	@Test
	void deliverWhenNodeDiesDuringTheCallThenAnotherNodeDeliversOnceTheLeaseEnds() {
		BackChannelLogoutProperties settings = settings(3, Duration.ofSeconds(2));
		DeliveryWorker first = start(settings);
		this.receiver.hold();
		LogoutDelivery delivery = schedule("rp");
		assertThat(this.receiver.await(DEADLINE)).as("the first node's call").isNotNull();
		first.stop();
		Instant died = Instant.now();
		this.receiver.answer(200);
		this.receiver.release();

		start(settings);
		LogoutTokenReceiver.Received second = this.receiver.await(DEADLINE);
		assertThat(second).as("the second node's call").isNotNull();
		assertThat(jti(second.logoutToken())).isEqualTo(delivery.tokenId());
		assertThat(Duration.between(died, second.at())).as("not before the first claim's lease ran out")
			.isGreaterThanOrEqualTo(settings.lease().minusMillis(500));
		Wait.until("delivered", DEADLINE, Duration.ofMillis(50), () -> this.store.pending() == 0);
	}

	/**
	 * Short settings: 200 ms to connect, {@code requestTimeout} for the answer, two calls at once,
	 * backoff from 100 ms, polling every 50 ms, a lease of twice the two timeouts.
	 */
	private static BackChannelLogoutProperties settings(int maxAttempts, Duration requestTimeout) {
		Duration connect = Duration.ofMillis(200);
		return new BackChannelLogoutProperties(connect, requestTimeout, 2, maxAttempts, Duration.ofHours(1),
				Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMillis(50),
				connect.plus(requestTimeout).multipliedBy(2), Duration.ofMinutes(2));
	}

	private DeliveryWorker start(BackChannelLogoutProperties settings) {
		Clock clock = Clock.systemUTC();
		DeliveryWorker worker = new DeliveryWorker(this.store, this.clients,
				new LogoutTokens(new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key))), "https://idp.example",
						settings.tokenTtl(), clock),
				new LogoutTokenPost(settings.connectTimeout(), settings.requestTimeout()),
				new Backoff(settings, () -> 0.0), settings, clock, this.meters);
		worker.start();
		this.workers.add(worker);
		return worker;
	}

	private LogoutDelivery schedule(String clientId) {
		Instant now = Instant.now();
		LogoutDelivery delivery = LogoutDelivery.due(clientId, "alice", "sid-" + UUID.randomUUID(),
				UUID.randomUUID().toString(), now, now.plus(Duration.ofHours(1)));
		assertThat(this.store.schedule(delivery)).isTrue();
		this.workers.forEach(DeliveryWorker::wake);
		return delivery;
	}

	private long count(String outcome) {
		var counter = this.meters.find("idp.backchannel_logout.deliveries").tag("outcome", outcome).counter();
		return (counter != null) ? (long) counter.count() : 0;
	}

	private static String jti(String token) {
		try {
			return SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
		}
		catch (java.text.ParseException ex) {
			throw new AssertionError(ex);
		}
	}

	private static RegisteredClient client(String clientId, String backchannelLogoutUri) {
		ClientSettings.Builder settings = ClientSettings.builder();
		if (backchannelLogoutUri != null) {
			settings.setting(BackChannelLogoutRegistration.URI_SETTING, backchannelLogoutUri);
		}
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("https://" + clientId + ".example/cb")
			.clientSettings(settings.build())
			.build();
	}

}
