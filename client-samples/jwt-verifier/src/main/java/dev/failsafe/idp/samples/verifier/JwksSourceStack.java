package dev.failsafe.idp.samples.verifier;

import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RetryingJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

/**
 * Stacks the JWKS cache in its one order, from the network up:
 *
 * <ol>
 * <li>Nimbus {@code URLBasedJWKSetSource}: GET the JWKS URL (timeouts, a size limit), the only
 * source of keys;</li>
 * <li>Nimbus {@code RetryingJWKSetSource}: one retry of a failed fetch (a dropped connection during
 * a failover);</li>
 * <li>{@link OneFetchPerIntervalSource}: at most one fetch per {@code refetchInterval}, however many
 * tokens name an unknown kid;</li>
 * <li>{@link LastGoodJwksSource}: the last good JWKS, in memory and on disk, while fetches are
 * unavailable (for {@code outageTolerance});</li>
 * <li>Nimbus {@code RefreshAheadCachingJWKSetSource} (through {@code JWKSourceBuilder}): the cache,
 * refreshed in the background before it expires, and refreshed at once for an unknown kid.</li>
 * </ol>
 */
final class JwksSourceStack {

	private JwksSourceStack() {
	}

	static JWKSource<SecurityContext> build(VerifierSettings settings) {
		DefaultResourceRetriever retriever = new DefaultResourceRetriever(
				Math.toIntExact(settings.connectTimeout().toMillis()), Math.toIntExact(settings.readTimeout().toMillis()),
				JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT);
		JWKSetSource<SecurityContext> source = new URLBasedJWKSetSource<>(settings.jwksUrl(), retriever);
		source = new RetryingJWKSetSource<>(source, null);
		source = new OneFetchPerIntervalSource<>(source, settings.refetchInterval());
		LastGoodJwksFile file = (settings.lastGoodFile() != null)
				? new LastGoodJwksFile(settings.lastGoodFile(), settings.jwksUri().toString()) : null;
		source = new LastGoodJwksSource<>(source, file, settings.outageTolerance());
		return JWKSourceBuilder.create(source)
			.retrying(false)
			.rateLimited(false)
			.outageTolerant(false)
			.cache(settings.cacheTimeToLive().toMillis(), settings.refreshTimeout().toMillis())
			.refreshAheadCache(settings.refreshAhead().toMillis(), true)
			.build();
	}

}
