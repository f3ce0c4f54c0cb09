package dev.failsafe.idp.samples.verifier;

import java.net.URI;
import java.net.URL;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * What a {@link TokenVerifier} trusts and how its JWKS cache behaves. Immutable; built by
 * {@link #builder(URI, URI)}, which fills the defaults below and refuses contradictory settings.
 *
 * @param issuer the provider's issuer identifier, matched exactly against {@code iss}
 * @param jwksUri the provider's JWKS URL: the only place keys are ever taken from
 * @param audience this resource server's identifier, which access tokens must name in {@code aud}
 * (null: this verifier checks ID tokens only)
 * @param clientId this relying party's client id, which ID tokens must name in {@code aud} (null:
 * access tokens only)
 * @param algorithms the signature algorithms accepted (asymmetric only; default RS256 and ES256)
 * @param clockSkew tolerated clock difference for {@code exp}, {@code nbf} and {@code iat}
 * (default 60s)
 * @param cacheTimeToLive how long a fetched JWKS is used before it is fetched again (default 15m,
 * the provider's {@code Cache-Control: max-age})
 * @param refreshAhead how long before the cache expires a background refresh starts (default 30s)
 * @param refreshTimeout how long a verification waits for a fetch another thread has started
 * (default 5s)
 * @param refetchInterval the least time between two fetches, however many tokens name an unknown
 * kid (default 30s)
 * @param outageTolerance how long after its fetch the last good JWKS is still used while the
 * provider cannot be reached, in memory and from {@code lastGoodFile} (default 24h)
 * @param lastGoodFile where the last good JWKS is kept across restarts (null: memory only)
 * @param connectTimeout connect timeout of a JWKS fetch (default 2s)
 * @param readTimeout read timeout of a JWKS fetch (default 2s)
 * @param clock the clock for token times and the file's age (the system clock in UTC by default)
 */
public record VerifierSettings(URI issuer, URI jwksUri, String audience, String clientId, Set<JWSAlgorithm> algorithms,
		Duration clockSkew, Duration cacheTimeToLive, Duration refreshAhead, Duration refreshTimeout,
		Duration refetchInterval, Duration outageTolerance, Path lastGoodFile, Duration connectTimeout,
		Duration readTimeout, Clock clock) {

	/** The algorithms the provider signs with. */
	public static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

	public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

	public static final Duration DEFAULT_CACHE_TIME_TO_LIVE = Duration.ofMinutes(15);

	public static final Duration DEFAULT_REFRESH_AHEAD = Duration.ofSeconds(30);

	public static final Duration DEFAULT_REFRESH_TIMEOUT = Duration.ofSeconds(5);

	public static final Duration DEFAULT_REFETCH_INTERVAL = Duration.ofSeconds(30);

	public static final Duration DEFAULT_OUTAGE_TOLERANCE = Duration.ofHours(24);

	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

	public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(2);

	/** Families whose keys are public: a symmetric or "none" algorithm could be forged from the JWKS. */
	private static final Set<JWSAlgorithm> ASYMMETRIC;

	static {
		Set<JWSAlgorithm> asymmetric = new LinkedHashSet<>(JWSAlgorithm.Family.RSA);
		asymmetric.addAll(JWSAlgorithm.Family.EC);
		asymmetric.addAll(JWSAlgorithm.Family.ED);
		ASYMMETRIC = Set.copyOf(asymmetric);
	}

	public VerifierSettings {
		Objects.requireNonNull(issuer, "issuer");
		Objects.requireNonNull(jwksUri, "jwksUri");
		require(audience != null || clientId != null, "set an audience (access tokens) or a client id (ID tokens)");
		require("http".equals(jwksUri.getScheme()) || "https".equals(jwksUri.getScheme()),
				"jwksUri must be an http(s) URL: " + jwksUri);
		algorithms = Set.copyOf(algorithms);
		require(!algorithms.isEmpty(), "algorithms must not be empty");
		require(ASYMMETRIC.containsAll(algorithms), "algorithms must be asymmetric (RS*, PS*, ES*, EdDSA): a shared-"
				+ "secret or 'none' algorithm lets anyone who reads the JWKS forge tokens; got " + algorithms);
		requireNotNegative("clockSkew", clockSkew);
		requirePositive("cacheTimeToLive", cacheTimeToLive);
		requireNotNegative("refreshAhead", refreshAhead);
		requirePositive("refreshTimeout", refreshTimeout);
		requirePositive("refetchInterval", refetchInterval);
		requirePositive("outageTolerance", outageTolerance);
		requirePositive("connectTimeout", connectTimeout);
		requirePositive("readTimeout", readTimeout);
		Objects.requireNonNull(clock, "clock");
		require(refreshAhead.plus(refreshTimeout).compareTo(cacheTimeToLive) < 0,
				"refreshAhead + refreshTimeout must be shorter than cacheTimeToLive, or the cache would refresh "
						+ "before it was filled");
		require(refetchInterval.compareTo(cacheTimeToLive) < 0,
				"refetchInterval must be shorter than cacheTimeToLive, or a rotated key could stay unknown "
						+ "longer than a cached JWKS lives");
		require(outageTolerance.compareTo(cacheTimeToLive) > 0,
				"outageTolerance must be longer than cacheTimeToLive, or an outage would be felt as soon as "
						+ "the cache expires");
		require(connectTimeout.plus(readTimeout).compareTo(refreshTimeout) <= 0,
				"connectTimeout + readTimeout must not exceed refreshTimeout, or callers would give up on a "
						+ "fetch that can still succeed");
	}

	/** Settings with every default, for this issuer and JWKS URL; then name an audience or client id. */
	public static Builder builder(URI issuer, URI jwksUri) {
		return new Builder(issuer, jwksUri);
	}

	URL jwksUrl() {
		try {
			return this.jwksUri.toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("jwksUri is not a URL: " + this.jwksUri, ex);
		}
	}

	private static void requirePositive(String name, Duration value) {
		Objects.requireNonNull(value, name);
		require(!value.isNegative() && !value.isZero(), name + " must be positive");
	}

	private static void requireNotNegative(String name, Duration value) {
		Objects.requireNonNull(value, name);
		require(!value.isNegative(), name + " must not be negative");
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

	/** Fills the defaults; {@link #build()} validates. */
	public static final class Builder {

		private final URI issuer;

		private final URI jwksUri;

		private String audience;

		private String clientId;

		private Set<JWSAlgorithm> algorithms = DEFAULT_ALGORITHMS;

		private Duration clockSkew = DEFAULT_CLOCK_SKEW;

		private Duration cacheTimeToLive = DEFAULT_CACHE_TIME_TO_LIVE;

		private Duration refreshAhead = DEFAULT_REFRESH_AHEAD;

		private Duration refreshTimeout = DEFAULT_REFRESH_TIMEOUT;

		private Duration refetchInterval = DEFAULT_REFETCH_INTERVAL;

		private Duration outageTolerance = DEFAULT_OUTAGE_TOLERANCE;

		private Path lastGoodFile;

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private Duration readTimeout = DEFAULT_READ_TIMEOUT;

		private Clock clock = Clock.systemUTC();

		private Builder(URI issuer, URI jwksUri) {
			this.issuer = issuer;
			this.jwksUri = jwksUri;
		}

		public Builder audience(String audience) {
			this.audience = audience;
			return this;
		}

		public Builder clientId(String clientId) {
			this.clientId = clientId;
			return this;
		}

		public Builder algorithms(Set<JWSAlgorithm> algorithms) {
			this.algorithms = algorithms;
			return this;
		}

		public Builder clockSkew(Duration clockSkew) {
			this.clockSkew = clockSkew;
			return this;
		}

		public Builder cacheTimeToLive(Duration cacheTimeToLive) {
			this.cacheTimeToLive = cacheTimeToLive;
			return this;
		}

		public Builder refreshAhead(Duration refreshAhead) {
			this.refreshAhead = refreshAhead;
			return this;
		}

		public Builder refreshTimeout(Duration refreshTimeout) {
			this.refreshTimeout = refreshTimeout;
			return this;
		}

		public Builder refetchInterval(Duration refetchInterval) {
			this.refetchInterval = refetchInterval;
			return this;
		}

		public Builder outageTolerance(Duration outageTolerance) {
			this.outageTolerance = outageTolerance;
			return this;
		}

		public Builder lastGoodFile(Path lastGoodFile) {
			this.lastGoodFile = lastGoodFile;
			return this;
		}

		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		public Builder readTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
			return this;
		}

		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		public VerifierSettings build() {
			return new VerifierSettings(this.issuer, this.jwksUri, this.audience, this.clientId, this.algorithms,
					this.clockSkew, this.cacheTimeToLive, this.refreshAhead, this.refreshTimeout, this.refetchInterval,
					this.outageTolerance, this.lastGoodFile, this.connectTimeout, this.readTimeout, this.clock);
		}

	}

}
