package dev.failsafe.idp.server.keys;

import java.time.Clock;
import java.time.Duration;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.failsafe.idp.replication.keyring.KeyEncryptionKey;
import dev.failsafe.idp.replication.keyring.KeyLifecycle;
import dev.failsafe.idp.replication.keyring.KeyRingBackup;
import dev.failsafe.idp.replication.keyring.KeyRing;
import dev.failsafe.idp.replication.keyring.SigningAlgorithm;
import dev.failsafe.idp.replication.keyring.SigningKeyVault;
import dev.failsafe.idp.server.ProviderProperties;
import dev.failsafe.idp.server.audit.AuditLog;
import dev.failsafe.idp.server.security.FilterOrder;
import dev.failsafe.idp.server.tokens.TokenClaimsCustomizer;
import dev.failsafe.idp.server.tokens.TokenProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Signing and verification over the replicated key ring. */
@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

	/** How often a node re-reads the ring even without a change event. */
	private static final Duration RING_REFRESH = Duration.ofSeconds(5);

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	KeyLifecycle keyLifecycle(TokenProperties tokens) {
		return new KeyLifecycle(tokens.keyRetention());
	}

	@Bean
	ActiveKeys activeKeys(KeyRing ring, SigningKeyVault vault, KeyLifecycle lifecycle, TaskScheduler scheduler) {
		ActiveKeys keys = new ActiveKeys(ring, vault, lifecycle);
		scheduler.scheduleWithFixedDelay(keys::refresh, RING_REFRESH);
		return keys;
	}

	@Bean
	KeyRingService keyRingService(KeyRing ring, ActiveKeys keys, SigningKeyVault vault, KeyLifecycle lifecycle,
			KeyPolicyProperties policy, KeyRingBackup backups, AuditLog audit, Clock clock, TaskScheduler scheduler) {
		KeyRingService service = new KeyRingService(ring, keys, vault, lifecycle, policy, backups, audit, clock);
		scheduler.scheduleWithFixedDelay(service::rotateIfDue, policy.rotationCheckInterval());
		return service;
	}

	@Bean
	SigningKeyBootstrap signingKeyBootstrap(KeyRingService keys) {
		return new SigningKeyBootstrap(keys);
	}

	@Bean
	PublishedKeySet publishedKeySet(ActiveKeys keys, Clock clock) {
		return new PublishedKeySet(keys, clock);
	}

	/** At {@link FilterOrder#JWKS}. */
	@Bean
	FilterRegistrationBean<JwksEndpoint> jwksEndpoint(AuthorizationServerSettings endpoints, PublishedKeySet keys,
			KeyPolicyProperties policy) {
		return FilterOrder.JWKS
			.register(new JwksEndpoint(endpoints.getJwkSetEndpoint(), keys, policy.jwksCacheTime()));
	}

	@Bean
	JWKSource<SecurityContext> jwkSource(PublishedKeySet keys) {
		return new RingJwkSource(keys);
	}

	@Bean
	JwtEncoder jwtEncoder(ActiveKeys keys, Clock clock) {
		return new RingJwtEncoder(keys, clock);
	}

	/**
	 * Verifies bearer tokens presented to our own resources (userinfo): only our access tokens
	 * ({@code typ: at+jwt}), so an ID token cannot be used as one.
	 */
	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, ProviderProperties provider) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource)
			.jwsAlgorithms(algorithms -> {
				for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
					algorithms.add(SignatureAlgorithm.from(algorithm.name()));
				}
			})
			.build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(
				new JwtIssuerValidator(provider.issuer().toString()),
				new JwtTypeValidator(TokenClaimsCustomizer.ACCESS_TOKEN_TYPE)));
		return decoder;
	}

	@Bean
	KeyRingBackup keyRingBackup(KeyEncryptionKey kek) {
		return new KeyRingBackup(kek);
	}

	@Bean
	AuditLog auditLog() {
		return new AuditLog();
	}

}
