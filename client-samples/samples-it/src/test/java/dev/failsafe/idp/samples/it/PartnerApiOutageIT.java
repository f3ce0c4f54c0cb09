package dev.failsafe.idp.samples.it;

import dev.failsafe.idp.testing.Ports;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.samples.testing.CountingProxy;
import dev.failsafe.idp.samples.testing.ProviderClient;
import dev.failsafe.idp.samples.testing.SampleJars;
import dev.failsafe.idp.samples.verifier.Rejection;
import dev.failsafe.idp.testing.provider.ProviderProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The promise, with real processes: the packaged provider and partner-api, the partner's JWKS
 * fetches counted on the wire by a {@link CountingProxy}. One story in order: provider up; a flood
 * of unknown kids; the provider killed with SIGKILL (valid tokens keep working, forged, expired and
 * foreign ones do not); partner-api restarted during the outage (its last good JWKS from disk); the
 * provider back with a rotated key (new tokens accepted, no partner restart).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartnerApiOutageIT {

	/** Short, so that a token obtained at the start has expired by the end of the outage. */
	private static final Duration ACCESS_TOKEN_TTL = Duration.ofSeconds(60);

	private static final Duration REFETCH_INTERVAL = Duration.ofSeconds(3);

	private static final String JWKS_PATH = "/oauth2/jwks";

	private Path directory;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private ProviderProcess provider;

	private ProviderProcess partnerApi;

	private CountingProxy proxy;

	private ProviderClient tokens;

	/** Obtained first, checked last: expired by then. */
	private String earlyToken;

	private String readToken;

	private String readWriteToken;

	private String adminToken;

	private RSAKey publishedKey;

	@BeforeAll
	void startProviderAndPartner() throws Exception {
		this.directory = Files.createTempDirectory("partner-api-outage-it");
		int providerPort = Ports.free();
		String issuer = SampleJars.issuer(providerPort);
		this.provider = SampleJars.provider(providerPort, this.directory.resolve("provider"),
				"--idp.tokens.access-token-ttl=" + ACCESS_TOKEN_TTL.toSeconds() + "s").start();
		this.proxy = CountingProxy.to(URI.create("http://127.0.0.1:" + providerPort));
		this.partnerApi = SampleJars.partnerApi(Ports.free(), this.directory.resolve("partner-api"),
				issuer, this.proxy.uri(JWKS_PATH).toString(),
				"--partner-api.tokens.refetch-interval=" + REFETCH_INTERVAL.toSeconds() + "s",
				"--partner-api.tokens.clock-skew=0s").start();
		this.provider.awaitReady(SampleJars.READY_WITHIN);
		this.partnerApi.awaitReady(SampleJars.READY_WITHIN);
		this.tokens = new ProviderClient(URI.create(issuer));
		this.earlyToken = this.tokens.partnerToken("orders.read");
	}

	@AfterAll
	void stopAll() throws Exception {
		if (this.partnerApi != null) {
			this.partnerApi.close();
		}
		if (this.provider != null) {
			this.provider.close();
		}
		if (this.proxy != null) {
			this.proxy.close();
		}
	}

	@Test
	@Order(1)
	void ordersWhenProviderUpThenScopesAndAudienceDecide() throws Exception {
		String read = this.tokens.partnerToken("orders.read");
		String readWrite = this.tokens.partnerToken("orders.read orders.write");
		String admin = this.tokens.adminToken();

		assertThat(get(read).statusCode()).isEqualTo(200);
		assertThat(post(read).statusCode()).isEqualTo(403);
		assertThat(post(read).headers().firstValue("WWW-Authenticate").orElseThrow())
			.startsWith("Bearer error=\"insufficient_scope\"");
		assertThat(post(readWrite).statusCode()).isEqualTo(201);
		assertRejected(get(admin), Rejection.WRONG_AUDIENCE);
	}

	@Test
	@Order(2)
	void ordersWhenFloodOfUnknownKidsThenAtMostOneJwksFetchPerInterval() throws Exception {
		String valid = this.tokens.partnerToken("orders.read");
		assertThat(get(valid).statusCode()).isEqualTo(200);
		int fetchesBefore = this.proxy.requests(JWKS_PATH);
		Instant start = Instant.now();
		Duration flood = REFETCH_INTERVAL.multipliedBy(2).plusSeconds(1);
		ExecutorService clients = Executors.newFixedThreadPool(4);
		List<Future<List<HttpResponse<String>>>> answers = new ArrayList<>();
		for (int client = 0; client < 4; client++) {
			answers.add(clients.submit(() -> {
				List<HttpResponse<String>> responses = new ArrayList<>();
				while (Duration.between(start, Instant.now()).compareTo(flood) < 0) {
					responses.add(get(Forgeries.signedByUnknownKey(valid)));
				}
				return responses;
			}));
		}
		clients.shutdown();
		assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
		Duration elapsed = Duration.between(start, Instant.now());
		List<HttpResponse<String>> responses = new ArrayList<>();
		for (Future<List<HttpResponse<String>>> answer : answers) {
			responses.addAll(answer.get());
		}

		int fetches = this.proxy.requests(JWKS_PATH) - fetchesBefore;
		System.out.printf("FLOOD %d unknown-kid tokens in %d ms caused %d JWKS fetches (interval %s)%n",
				responses.size(), elapsed.toMillis(), fetches, REFETCH_INTERVAL);
		assertThat(responses).hasSizeGreaterThan(20)
			.allSatisfy(response -> assertRejected(response, Rejection.UNKNOWN_KEY));
		assertThat(fetches).isLessThanOrEqualTo((int) (elapsed.toMillis() / REFETCH_INTERVAL.toMillis()) + 1);
	}

	@Test
	@Order(3)
	void ordersWhenProviderKilledThenIssuedTokensAcceptedAndForgedOnesRejected() throws Exception {
		this.readToken = this.tokens.partnerToken("orders.read");
		this.readWriteToken = this.tokens.partnerToken("orders.read orders.write");
		this.adminToken = this.tokens.adminToken();
		String kid = SignedJWT.parse(this.readToken).getHeader().getKeyID();
		this.publishedKey = this.tokens.jwks().getKeyByKeyId(kid).toRSAKey();

		this.provider.kill();
		assertThat(this.provider.isAlive()).isFalse();

		assertOutageBehaviour();
	}

	@Test
	@Order(4)
	void ordersWhenPartnerRestartedDuringOutageThenLastGoodJwksFromDisk() throws Exception {
		this.partnerApi.kill();
		int fetchesBefore = this.proxy.requests(JWKS_PATH);
		this.partnerApi.start().awaitReady(SampleJars.READY_WITHIN);

		assertOutageBehaviour();
		assertThat(this.proxy.requests(JWKS_PATH)).as("the restarted partner tried the provider first")
			.isGreaterThan(fetchesBefore);
		assertThat(this.partnerApi.logTail()).doesNotContain("Ignoring the last good JWKS");

		// Obtained at the start; by now (or within its lifetime) it has expired, with no clock skew.
		Instant expiry = SignedJWT.parse(this.earlyToken).getJWTClaimsSet().getExpirationTime().toInstant();
		Duration untilExpired = Duration.between(Instant.now(), expiry);
		await().atMost((untilExpired.isNegative() ? Duration.ZERO : untilExpired).plusSeconds(15))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertRejected(get(this.earlyToken), Rejection.EXPIRED));
	}

	@Test
	@Order(5)
	void ordersWhenProviderBackAndKeyRotatedThenNewTokensAcceptedWithoutPartnerRestart() throws Exception {
		long partnerPid = this.partnerApi.pid();
		this.provider.start().awaitReady(SampleJars.READY_WITHIN);
		String newKid = this.tokens.rotateSigningKey();
		String signedByNewKey = this.tokens.partnerToken("orders.read");
		assertThat(SignedJWT.parse(signedByNewKey).getHeader().getKeyID()).isEqualTo(newKid);

		// The first try may fall within the refetch interval of the last fetch: then the kid is
		// unknown until the interval is over.
		await().atMost(REFETCH_INTERVAL.multipliedBy(5))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> get(signedByNewKey).statusCode() == 200);
		assertThat(this.partnerApi.pid()).isEqualTo(partnerPid);
		assertThat(get(this.tokens.partnerToken("orders.read")).statusCode()).isEqualTo(200);
	}

	/** What must hold while the provider is down. */
	private void assertOutageBehaviour() throws Exception {
		assertThat(get(this.readToken).statusCode()).isEqualTo(200);
		assertThat(post(this.readWriteToken).statusCode()).isEqualTo(201);
		assertRejected(get(Forgeries.signedByUnknownKey(this.readToken)), Rejection.UNKNOWN_KEY);
		assertRejected(get(Forgeries.algNone(this.readToken)), Rejection.ALGORITHM_NOT_ALLOWED);
		assertRejected(get(Forgeries.hs256WithPublicKey(this.readToken, this.publishedKey)),
				Rejection.ALGORITHM_NOT_ALLOWED);
		assertRejected(post(Forgeries.tamperedPayload(this.readToken)), Rejection.BAD_SIGNATURE);
		assertRejected(get(this.adminToken), Rejection.WRONG_AUDIENCE);
	}

	private static void assertRejected(HttpResponse<String> response, Rejection reason) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
			.startsWith("Bearer error=\"invalid_token\"")
			.contains("error_description=\"" + reason.description() + "\"");
	}

	private HttpResponse<String> get(String token) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(this.partnerApi.uri("/api/orders")).header("Authorization", "Bearer " + token));
	}

	private HttpResponse<String> post(String token) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(this.partnerApi.uri("/api/orders"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"coffee\",\"quantity\":1}")));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}


}
