package dev.failsafe.idp.server.tokens;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Token lifetimes, applied to every client registered by this provider, and the audiences that
 * access tokens name.
 *
 * @param accessTokenTtl lifetime of access tokens (JWTs partners verify locally)
 * @param idTokenTtl lifetime of ID tokens
 * @param refreshTokenTtl lifetime of a refresh token; each refresh rotates it
 * @param publicClientRefreshTokenTtl lifetime of a public client's (a browser app's) refresh token,
 * at most {@code refreshTokenTtl}: such a client cannot keep a secret, so its tokens end sooner
 * @param authorizationCodeTtl lifetime of an authorization code
 * @param clockSkew tolerated clock difference between us and token verifiers
 * @param scopeAudiences for a scope, the resource server (its identifier, e.g. its URL) that an
 * access token granting it is meant for: added to the token's {@code aud}
 */
@Validated
@ConfigurationProperties("idp.tokens")
public record TokenProperties(@NotNull @DefaultValue("5m") Duration accessTokenTtl,
		@NotNull @DefaultValue("5m") Duration idTokenTtl, @NotNull @DefaultValue("8h") Duration refreshTokenTtl,
		@NotNull @DefaultValue("1h") Duration publicClientRefreshTokenTtl,
		@NotNull @DefaultValue("1m") Duration authorizationCodeTtl, @NotNull @DefaultValue("60s") Duration clockSkew,
		@DefaultValue Map<String, String> scopeAudiences) {

	/** RFC 6749 section 3.3 scope-token characters; an audience is one printable token too. */
	private static final Pattern TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,200}");

	public TokenProperties {
		requirePositive("access-token-ttl", accessTokenTtl);
		requirePositive("id-token-ttl", idTokenTtl);
		requirePositive("refresh-token-ttl", refreshTokenTtl);
		requirePositive("public-client-refresh-token-ttl", publicClientRefreshTokenTtl);
		if (publicClientRefreshTokenTtl.compareTo(refreshTokenTtl) > 0) {
			throw new IllegalArgumentException(
					"idp.tokens.public-client-refresh-token-ttl must not exceed idp.tokens.refresh-token-ttl");
		}
		requirePositive("authorization-code-ttl", authorizationCodeTtl);
		if (clockSkew.isNegative()) {
			throw new IllegalArgumentException("idp.tokens.clock-skew must not be negative");
		}
		scopeAudiences = (scopeAudiences != null) ? Map.copyOf(scopeAudiences) : Map.of();
		scopeAudiences.forEach((scope, audience) -> {
			if (!TOKEN.matcher(scope).matches() || !TOKEN.matcher(audience).matches()) {
				throw new IllegalArgumentException("idp.tokens.scope-audiences: '" + scope + "' -> '" + audience
						+ "' is not a scope name mapped to one audience (printable, no spaces or quotes)");
			}
		});
	}

	/** How long a retired signing key must stay published: every token it signed has expired. */
	public Duration keyRetention() {
		Duration longest = this.accessTokenTtl.compareTo(this.idTokenTtl) >= 0 ? this.accessTokenTtl : this.idTokenTtl;
		return longest.plus(this.clockSkew);
	}

	/** The audiences of the resource servers that {@code scopes} open, sorted (empty if none). */
	public Set<String> audiencesFor(Collection<String> scopes) {
		Set<String> audiences = new TreeSet<>();
		for (String scope : scopes) {
			String audience = this.scopeAudiences.get(scope);
			if (audience != null) {
				audiences.add(audience);
			}
		}
		return audiences;
	}

	private static void requirePositive(String name, Duration value) {
		if (value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException("idp.tokens." + name + " must be positive");
		}
	}

}
