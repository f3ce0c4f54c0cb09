package dev.failsafe.idp.server.keys;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When signing keys rotate and how long partners may cache the JWKS.
 *
 * @param rotationInterval how long a key signs before its scheduled successor takes over
 * @param publishAhead how long a scheduled successor is in the JWKS before it signs; must exceed
 * {@code jwksCacheTime}, so every partner has fetched it before the first token carries its kid
 * @param jwksCacheTime how long partners may cache the JWKS: the {@code max-age} the JWKS endpoint
 * sends
 * @param rotationCheckInterval how often each node checks whether a rotation is due
 */
@Validated
@ConfigurationProperties("idp.keys")
public record KeyPolicyProperties(@NotNull @DefaultValue("30d") Duration rotationInterval,
		@NotNull @DefaultValue("2h") Duration publishAhead, @NotNull @DefaultValue("15m") Duration jwksCacheTime,
		@NotNull @DefaultValue("1m") Duration rotationCheckInterval) {

	public KeyPolicyProperties {
		if (publishAhead.compareTo(jwksCacheTime) <= 0) {
			throw new IllegalArgumentException("idp.keys.publish-ahead (" + publishAhead
					+ ") must exceed idp.keys.jwks-cache-time (" + jwksCacheTime
					+ "): partners must see a key before tokens signed with it arrive");
		}
		if (rotationInterval.compareTo(publishAhead) <= 0) {
			throw new IllegalArgumentException("idp.keys.rotation-interval must exceed idp.keys.publish-ahead");
		}
		if (rotationCheckInterval.isZero() || rotationCheckInterval.isNegative()) {
			throw new IllegalArgumentException("idp.keys.rotation-check-interval must be positive");
		}
	}

}
