package dev.failsafe.idp.server.observability;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Accepts exactly one bearer token, the configured scrape token, compared in constant time (as
 * SHA-256 digests). With no token configured it accepts none.
 */
final class ScrapeTokenIntrospector implements OpaqueTokenIntrospector {

	/** The shortest scrape token accepted at start: about 190 bits as base64. */
	static final int MIN_LENGTH = 32;

	private static final String SCRAPER = "metrics-scraper";

	private final byte[] expected;

	/** @param token the scrape token, or null for none */
	ScrapeTokenIntrospector(String token) {
		if (token != null && token.length() < MIN_LENGTH) {
			throw new IllegalStateException("The metrics scrape token must be at least " + MIN_LENGTH
					+ " characters (e.g. openssl rand -base64 32)");
		}
		this.expected = (token != null) ? sha256(token) : null;
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		if (this.expected == null || !MessageDigest.isEqual(this.expected, sha256(token))) {
			throw new BadOpaqueTokenException("Not the scrape token");
		}
		return new DefaultOAuth2AuthenticatedPrincipal(SCRAPER, Map.of("sub", SCRAPER),
				List.of(new SimpleGrantedAuthority("METRICS")));
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

}
