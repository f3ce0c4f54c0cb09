package dev.failsafe.idp.samples.partnerapi.security;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import dev.failsafe.idp.samples.verifier.VerifierSettings;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this API verifies access tokens (jwt-verifier's settings; README, "Partner samples").
 *
 * @param issuer the provider's issuer, matched exactly against {@code iss}
 * @param jwksUri the provider's JWKS URL, the only source of keys
 * @param audience this API's identifier, which tokens must name in {@code aud}
 * @param clockSkew tolerated clock difference for {@code exp}, {@code nbf}, {@code iat}
 * @param cacheTimeToLive how long a fetched JWKS is used before it is fetched again
 * @param refreshAhead how long before expiry the cache refreshes in the background
 * @param refreshTimeout how long a request waits for a fetch in progress
 * @param refetchInterval the least time between two JWKS fetches, however many unknown kids arrive
 * @param outageTolerance how long after its fetch the last good JWKS is used while the provider is
 * unreachable
 * @param lastGoodFile where the last good JWKS is kept across restarts
 * @param connectTimeout connect timeout of a JWKS fetch
 * @param readTimeout read timeout of a JWKS fetch
 */
@Validated
@ConfigurationProperties("partner-api.tokens")
public record TokenVerificationProperties(@NotNull @DefaultValue("http://localhost:9000") URI issuer,
		@NotNull @DefaultValue("http://localhost:9000/oauth2/jwks") URI jwksUri,
		@NotBlank @DefaultValue("http://127.0.0.1:8082") String audience,
		@NotNull @DefaultValue("60s") Duration clockSkew, @NotNull @DefaultValue("15m") Duration cacheTimeToLive,
		@NotNull @DefaultValue("30s") Duration refreshAhead, @NotNull @DefaultValue("5s") Duration refreshTimeout,
		@NotNull @DefaultValue("30s") Duration refetchInterval, @NotNull @DefaultValue("24h") Duration outageTolerance,
		@NotNull @DefaultValue("data/jwks-last-good.json") Path lastGoodFile,
		@NotNull @DefaultValue("2s") Duration connectTimeout, @NotNull @DefaultValue("2s") Duration readTimeout) {

	/** The library's settings; its builder refuses contradictory values, so a bad setting fails the start. */
	public VerifierSettings toSettings() {
		return VerifierSettings.builder(this.issuer, this.jwksUri)
			.audience(this.audience)
			.clockSkew(this.clockSkew)
			.cacheTimeToLive(this.cacheTimeToLive)
			.refreshAhead(this.refreshAhead)
			.refreshTimeout(this.refreshTimeout)
			.refetchInterval(this.refetchInterval)
			.outageTolerance(this.outageTolerance)
			.lastGoodFile(this.lastGoodFile)
			.connectTimeout(this.connectTimeout)
			.readTimeout(this.readTimeout)
			.build();
	}

}
