package dev.failsafe.idp.server.cors;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which browser origins may call the endpoints a browser-based public client uses (token,
 * revocation, userinfo, JWKS, metadata) from JavaScript. Credentials (cookies) are never allowed
 * cross-origin, so this opens nothing a cross-site page could use with the user's session.
 *
 * @param allowedOrigins origins ({@code scheme://host[:port]}, nothing else) of single-page
 * applications registered as public clients
 * @param maxAge how long a browser may cache a preflight answer
 */
@Validated
@ConfigurationProperties("idp.cors")
public record CorsProperties(@DefaultValue List<URI> allowedOrigins, @NotNull @DefaultValue("1h") Duration maxAge) {

	public CorsProperties {
		allowedOrigins = (allowedOrigins != null) ? List.copyOf(allowedOrigins) : List.of();
		for (URI origin : allowedOrigins) {
			boolean web = "http".equals(origin.getScheme()) || "https".equals(origin.getScheme());
			if (!web || origin.getHost() == null || origin.getRawUserInfo() != null
					|| (origin.getRawPath() != null && !origin.getRawPath().isEmpty()) || origin.getRawQuery() != null
					|| origin.getRawFragment() != null) {
				throw new IllegalArgumentException(
						"idp.cors.allowed-origins: '" + origin + "' is not an origin (scheme://host[:port])");
			}
		}
		if (maxAge.isNegative()) {
			throw new IllegalArgumentException("idp.cors.max-age must not be negative");
		}
	}

}
