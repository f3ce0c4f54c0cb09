package dev.failsafe.idp.server.sites;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DirectoryCheckPropertiesTest {

	@Test
	void bindWhenNothingSetThenDocumentedDefaults() {
		DirectoryCheckProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
			.bindOrCreate("idp.directory-check", DirectoryCheckProperties.class);
		assertThat(defaults).isEqualTo(
				new DirectoryCheckProperties(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(3)));
	}

	@Test
	void constructorWhenMaxAgeShorterThanIntervalPlusTimeoutThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DirectoryCheckProperties(Duration.ofSeconds(1), Duration.ofSeconds(1),
					Duration.ofMillis(1999)))
			.withMessageContaining("max-age must be at least interval plus timeout");
	}

	@Test
	void constructorWhenNotPositiveThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DirectoryCheckProperties(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(3)))
			.withMessageContaining("interval must be positive");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DirectoryCheckProperties(Duration.ofSeconds(1), Duration.ofSeconds(-1),
					Duration.ofSeconds(3)))
			.withMessageContaining("timeout must be positive");
	}

	@Test
	void constructorWhenMaxAgeIsIntervalPlusTimeoutThenAccepted() {
		assertThat(new DirectoryCheckProperties(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(1500))
			.maxAge()).isEqualTo(Duration.ofMillis(1500));
	}

}
