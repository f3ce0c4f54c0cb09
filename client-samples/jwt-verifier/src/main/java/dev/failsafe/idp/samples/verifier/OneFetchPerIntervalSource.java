package dev.failsafe.idp.samples.verifier;

import java.time.Duration;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWrapper;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Lets at most one fetch through per interval, counted from the start of the last one; any other
 * is refused with {@link RefetchRateLimitedException}. Nimbus's {@code RateLimitedJWKSetSource}
 * lets two through per interval, and throws a kind the outage layer does not answer, which would
 * turn a flood of unknown kids into errors instead of refusals.
 */
final class OneFetchPerIntervalSource<C extends SecurityContext> extends JWKSetSourceWrapper<C> {

	private final long intervalMillis;

	private long nextFetchAllowedAt = Long.MIN_VALUE;

	OneFetchPerIntervalSource(JWKSetSource<C> source, Duration interval) {
		super(source);
		this.intervalMillis = interval.toMillis();
	}

	@Override
	public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, C context)
			throws KeySourceException {
		synchronized (this) {
			if (currentTime < this.nextFetchAllowedAt) {
				throw new RefetchRateLimitedException(this.nextFetchAllowedAt);
			}
			this.nextFetchAllowedAt = currentTime + this.intervalMillis;
		}
		return getSource().getJWKSet(refreshEvaluator, currentTime, context);
	}

}
