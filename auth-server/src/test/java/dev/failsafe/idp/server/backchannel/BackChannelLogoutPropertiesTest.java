package dev.failsafe.idp.server.backchannel;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackChannelLogoutPropertiesTest {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class);

	@Test
	void bindWhenNothingSetThenTheDocumentedDefaults() {
		this.context.run(started -> assertThat(started.getBean(BackChannelLogoutProperties.class))
			.isEqualTo(BackoffTest.settings(15, Duration.ofHours(6))));
	}

	@Test
	void bindWhenLeaseShorterThanTwoCallsThenRefusedAtStart() {
		this.context
			.withPropertyValues("idp.backchannel-logout.lease=10s", "idp.backchannel-logout.request-timeout=5s")
			.run(started -> assertThat(started).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("idp.backchannel-logout.lease"));
	}

	@Test
	void createWhenBackoffsContradictOrDurationsNotPositiveThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BackChannelLogoutProperties(Duration.ofSeconds(2),
				Duration.ofSeconds(5), 16, 15, Duration.ofHours(6), Duration.ofMinutes(20), Duration.ofMinutes(15),
				Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(2)))
			.withMessageContaining("initial-backoff");
		assertThatIllegalArgumentException().isThrownBy(() -> new BackChannelLogoutProperties(Duration.ZERO,
				Duration.ofSeconds(5), 16, 15, Duration.ofHours(6), Duration.ofSeconds(2), Duration.ofMinutes(15),
				Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(2)))
			.withMessageContaining("connect-timeout");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(BackChannelLogoutProperties.class)
	static class Settings {

	}

}
