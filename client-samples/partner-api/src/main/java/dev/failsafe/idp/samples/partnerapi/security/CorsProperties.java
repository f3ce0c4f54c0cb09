package dev.failsafe.idp.samples.partnerapi.security;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Browser pages that may call this API from JavaScript with a bearer token (no cookies).
 *
 * @param allowedOrigins origins of single-page applications (the demo SPA's by default)
 * @param maxAge how long a browser may cache a preflight answer
 */
@Validated
@ConfigurationProperties("partner-api.cors")
public record CorsProperties(@DefaultValue("http://127.0.0.1:8081") List<String> allowedOrigins,
		@NotNull @DefaultValue("1h") Duration maxAge) {

	public CorsProperties {
		allowedOrigins = List.copyOf(allowedOrigins);
	}

}
