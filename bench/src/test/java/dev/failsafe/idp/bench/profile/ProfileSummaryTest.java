package dev.failsafe.idp.bench.profile;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileSummaryTest {

	@Test
	void categorizeWhenAFeatureIsAnywhereOnTheStackThenItWins() {
		List<String> stack = List.of("java.math.BigInteger.oddModPow", "sun.security.rsa.RSACore.crt",
				"com.nimbusds.jose.crypto.RSASSASigner.sign", "dev.failsafe.idp.server.keys.RingJwtEncoder.encode",
				"org.apache.catalina.connector.CoyoteAdapter.service");

		assertThat(ProfileSummary.categorize(stack)).isEqualTo("JWT signature (JCA sign)");
	}

	@Test
	void categorizeWhenNoFeatureThenTheLayerNearestTheTopWins() {
		List<String> stack = List.of("java.util.HashMap.getNode", "io.micrometer.core.instrument.MeterRegistry.counter",
				"org.springframework.security.web.FilterChainProxy.doFilter",
				"org.apache.catalina.connector.CoyoteAdapter.service");

		assertThat(ProfileSummary.categorize(stack)).isEqualTo("metrics, observations");
		assertThat(ProfileSummary.categorize(List.of("java.lang.Thread.run"))).isEqualTo("JDK, other");
	}

	@Test
	void summarizeWhenStacksAreGivenThenSharesAddUpInCategoryOrder() {
		List<List<String>> stacks = List.of(List.of("org.springframework.security.crypto.bcrypt.BCrypt.key"),
				List.of("com.sun.jna.Native.invokeInt", "de.mkammerer.argon2.BaseArgon2.verify"), List.of("org.apache.coyote.Request.x"),
				List.of("java.lang.Thread.run"));

		assertThat(ProfileSummary.summarize(stacks)).containsExactly(
				java.util.Map.entry("password hashing (Argon2id, bcrypt)", 0.5), java.util.Map.entry("Tomcat, HTTP", 0.25),
				java.util.Map.entry("JDK, other", 0.25));
	}

}
