package dev.failsafe.idp.samples.verifier;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.failsafe.idp.samples.verifier.testing.LocalIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The layered JWKS cache against a real HTTP server that counts fetches: the rate limit under a
 * flood of unknown kids, rotation, and the last good JWKS through an outage and a restart.
 */
class JwksCacheTest {

	private static final Duration REFETCH_INTERVAL = Duration.ofSeconds(2);

	private LocalIssuer issuer;

	@TempDir
	private Path directory;

	@BeforeEach
	void start() {
		this.issuer = LocalIssuer.create();
	}

	@AfterEach
	void stop() {
		this.issuer.close();
	}

	@Test
	void verifyWhenFloodOfUnknownKidsThenAtMostOneFetchPerInterval() throws Exception {
		RSAKey attacker = new RSAKeyGenerator(2048).generate();
		try (TokenVerifier verifier = TokenVerifier.create(settings().build())) {
			verifier.verifyAccessToken(this.issuer.accessToken());
			int before = this.issuer.jwksFetches();
			AtomicInteger rejected = new AtomicInteger();
			Instant start = Instant.now();
			ExecutorService threads = Executors.newFixedThreadPool(4);
			Duration flood = REFETCH_INTERVAL.multipliedBy(2).plusMillis(500);
			for (int thread = 0; thread < 4; thread++) {
				threads.submit(() -> {
					int kid = 0;
					while (Duration.between(start, Instant.now()).compareTo(flood) < 0) {
						String token = LocalIssuer.sign(attacker, LocalIssuer.accessTokenHeader("unknown-" + kid++),
								LocalIssuer.accessTokenClaims().build());
						try {
							verifier.verifyAccessToken(token);
						}
						catch (TokenRejectedException ex) {
							if (ex.reason() == Rejection.UNKNOWN_KEY) {
								rejected.incrementAndGet();
							}
						}
						catch (KeysUnavailableException ex) {
							throw new AssertionError("the issuer is up", ex);
						}
					}
					return null;
				});
			}
			threads.shutdown();
			assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
			Duration elapsed = Duration.between(start, Instant.now());

			long allowed = elapsed.toMillis() / REFETCH_INTERVAL.toMillis() + 1;
			assertThat(rejected.get()).isGreaterThan(20);
			assertThat(this.issuer.jwksFetches() - before).isBetween(1, (int) allowed);
		}
	}

	@Test
	void verifyWhenKeyRotatedThenNewKidFetchedOnceAndAccepted() throws Exception {
		try (TokenVerifier verifier = TokenVerifier.create(settings().build())) {
			verifier.verifyAccessToken(this.issuer.accessToken());
			this.issuer.rotate();
			String signedByNewKey = this.issuer.accessToken();

			// The first fetch's interval may not be over yet: then the kid is unknown until it is.
			await().atMost(REFETCH_INTERVAL.multipliedBy(3))
				.ignoreExceptionsMatching(ex -> ex instanceof TokenRejectedException rejected
						&& rejected.reason() == Rejection.UNKNOWN_KEY)
				.until(() -> verifier.verifyAccessToken(signedByNewKey).subject().equals("alice"));
			assertThat(this.issuer.jwksFetches()).isEqualTo(2);
		}
	}

	@Test
	void verifyWhenIssuerGoesDownThenCachedKeysStillVerify() throws Exception {
		try (TokenVerifier verifier = TokenVerifier.create(settings().build())) {
			String token = this.issuer.accessToken();
			verifier.verifyAccessToken(token);
			this.issuer.stop();

			assertThat(verifier.verifyAccessToken(token).subject()).isEqualTo("alice");
			assertThat(verifier.verifyAccessToken(this.issuer.accessToken()).subject()).isEqualTo("alice");
		}
	}

	@Test
	void verifyWhenRestartedDuringOutageThenLastGoodFileVerifies() throws Exception {
		Path file = this.directory.resolve("jwks").resolve("last-good.json");
		String token = this.issuer.accessToken();
		try (TokenVerifier first = TokenVerifier.create(settings().lastGoodFile(file).build())) {
			first.verifyAccessToken(token);
		}
		this.issuer.stop();

		try (TokenVerifier restarted = TokenVerifier.create(settings().lastGoodFile(file).build())) {
			assertThat(restarted.verifyAccessToken(token).subject()).isEqualTo("alice");
			RSAKey attacker = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
			assertThatExceptionOfType(TokenRejectedException.class)
				.isThrownBy(() -> restarted.verifyAccessToken(LocalIssuer.sign(attacker,
						LocalIssuer.accessTokenHeader(attacker.getKeyID()), LocalIssuer.accessTokenClaims().build())))
				.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Rejection.UNKNOWN_KEY));
		}
	}

	@Test
	void verifyWhenLastGoodFileOlderThanOutageToleranceThenKeysUnavailable() throws Exception {
		Path file = this.directory.resolve("last-good.json");
		new LastGoodJwksFile(file, this.issuer.jwksUri().toString()).save(this.issuer.publicJwks(),
				Instant.now().minus(Duration.ofHours(2)));
		this.issuer.stop();

		try (TokenVerifier restarted = TokenVerifier
			.create(settings().lastGoodFile(file).outageTolerance(Duration.ofHours(1)).build())) {
			assertThatExceptionOfType(KeysUnavailableException.class)
				.isThrownBy(() -> restarted.verifyAccessToken(this.issuer.accessToken()));
		}
	}

	@Test
	void verifyWhenLastGoodFileFromAnotherJwksUrlThenNotTrusted() throws Exception {
		Path file = this.directory.resolve("last-good.json");
		new LastGoodJwksFile(file, "http://127.0.0.1:1/other/jwks").save(this.issuer.publicJwks(), Instant.now());
		this.issuer.stop();

		try (TokenVerifier restarted = TokenVerifier.create(settings().lastGoodFile(file).build())) {
			assertThatExceptionOfType(KeysUnavailableException.class)
				.isThrownBy(() -> restarted.verifyAccessToken(this.issuer.accessToken()));
		}
	}

	private VerifierSettings.Builder settings() {
		return VerifierSettings.builder(URI.create(LocalIssuer.ISSUER), this.issuer.jwksUri())
			.audience(LocalIssuer.AUDIENCE)
			.refetchInterval(REFETCH_INTERVAL);
	}

}
