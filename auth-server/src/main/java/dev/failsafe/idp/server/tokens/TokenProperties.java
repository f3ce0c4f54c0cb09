package dev.failsafe.idp.server.tokens;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Token lifetimes, applied to every client registered by this provider.
 *
 * @param accessTokenTtl lifetime of access tokens (JWTs partners verify locally)
 * @param idTokenTtl lifetime of ID tokens
 * @param refreshTokenTtl lifetime of a refresh token; each refresh rotates it
 * @param authorizationCodeTtl lifetime of an authorization code
 * @param clockSkew tolerated clock difference between us and token verifiers
 */
@Validated
@ConfigurationProperties("idp.tokens")
public record TokenProperties(@NotNull @DefaultValue("5m") Duration accessTokenTtl,
		@NotNull @DefaultValue("5m") Duration idTokenTtl, @NotNull @DefaultValue("8h") Duration refreshTokenTtl,
		@NotNull @DefaultValue("1m") Duration authorizationCodeTtl, @NotNull @DefaultValue("60s") Duration clockSkew) {

	public TokenProperties {
		requirePositive("access-token-ttl", accessTokenTtl);
		requirePositive("id-token-ttl", idTokenTtl);
		requirePositive("refresh-token-ttl", refreshTokenTtl);
		requirePositive("authorization-code-ttl", authorizationCodeTtl);
		if (clockSkew.isNegative()) {
			throw new IllegalArgumentException("idp.tokens.clock-skew must not be negative");
		}
	}

	/** How long a retired signing key must stay published: every token it signed has expired. */
	public Duration keyRetention() {
		Duration longest = this.accessTokenTtl.compareTo(this.idTokenTtl) >= 0 ? this.accessTokenTtl : this.idTokenTtl;
		return longest.plus(this.clockSkew);
	}

	private static void requirePositive(String name, Duration value) {
		if (value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException("idp.tokens." + name + " must be positive");
		}
	}

}
