package dev.failsafe.idp.samples.verifier;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Defaults are filled in, and contradictory or unsafe settings are refused at build time. */
class VerifierSettingsTest {

	private static final URI ISSUER = URI.create("http://localhost:9000");

	private static final URI JWKS = URI.create("http://localhost:9000/oauth2/jwks");

	@Test
	void buildWhenOnlyAudienceGivenThenDefaults() {
		VerifierSettings settings = builder().build();

		assertThat(settings.algorithms()).containsExactlyInAnyOrder(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
		assertThat(settings.cacheTimeToLive()).isEqualTo(Duration.ofMinutes(15));
		assertThat(settings.refetchInterval()).isEqualTo(Duration.ofSeconds(30));
		assertThat(settings.outageTolerance()).isEqualTo(Duration.ofHours(24));
		assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(60));
		assertThat(settings.lastGoodFile()).isNull();
	}

	@Test
	void buildWhenSharedSecretAlgorithmThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().algorithms(Set.of(JWSAlgorithm.HS256)).build())
			.withMessageContaining("asymmetric");
	}

	@Test
	void buildWhenRefetchIntervalNotShorterThanCacheThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder().refetchInterval(Duration.ofMinutes(15)).build())
			.withMessageContaining("refetchInterval");
	}

	@Test
	void buildWhenOutageToleranceNotLongerThanCacheThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder().outageTolerance(Duration.ofMinutes(10)).build())
			.withMessageContaining("outageTolerance");
	}

	@Test
	void buildWhenNeitherAudienceNorClientIdThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> VerifierSettings.builder(ISSUER, JWKS).build())
			.withMessageContaining("audience");
	}

	@Test
	void buildWhenJwksUriNotHttpThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> VerifierSettings.builder(ISSUER, URI.create("file:///etc/jwks.json")).audience("a").build())
			.withMessageContaining("http");
	}

	private static VerifierSettings.Builder builder() {
		return VerifierSettings.builder(ISSUER, JWKS).audience("http://127.0.0.1:8082");
	}

}
