package dev.failsafe.idp.samples.partnerapi.security;

import java.util.Map;

import dev.failsafe.idp.samples.verifier.VerifierSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The properties' defaults are the library's, so the README's one table of defaults holds for both. */
class TokenVerificationPropertiesTest {

	@Test
	void toSettingsWhenNothingSetThenLibraryDefaults() {
		VerifierSettings settings = new Binder(new MapConfigurationPropertySource(Map.of()))
			.bindOrCreate("partner-api.tokens", TokenVerificationProperties.class)
			.toSettings();

		assertThat(settings.algorithms()).isEqualTo(VerifierSettings.DEFAULT_ALGORITHMS);
		assertThat(settings.clockSkew()).isEqualTo(VerifierSettings.DEFAULT_CLOCK_SKEW);
		assertThat(settings.cacheTimeToLive()).isEqualTo(VerifierSettings.DEFAULT_CACHE_TIME_TO_LIVE);
		assertThat(settings.refreshAhead()).isEqualTo(VerifierSettings.DEFAULT_REFRESH_AHEAD);
		assertThat(settings.refreshTimeout()).isEqualTo(VerifierSettings.DEFAULT_REFRESH_TIMEOUT);
		assertThat(settings.refetchInterval()).isEqualTo(VerifierSettings.DEFAULT_REFETCH_INTERVAL);
		assertThat(settings.outageTolerance()).isEqualTo(VerifierSettings.DEFAULT_OUTAGE_TOLERANCE);
		assertThat(settings.connectTimeout()).isEqualTo(VerifierSettings.DEFAULT_CONNECT_TIMEOUT);
		assertThat(settings.readTimeout()).isEqualTo(VerifierSettings.DEFAULT_READ_TIMEOUT);
		assertThat(settings.audience()).isEqualTo("http://127.0.0.1:8082");
	}

}
