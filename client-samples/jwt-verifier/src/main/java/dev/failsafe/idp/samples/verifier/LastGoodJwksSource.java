package dev.failsafe.idp.samples.verifier;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWrapper;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Outage tolerance that survives a restart: remembers the last JWKS fetched from the JWKS URL, in
 * memory and (if a file is set) on disk, and answers with it when a fetch is "temporarily
 * unavailable" (the provider unreachable, or a fetch refused by the rate limit below) for up to
 * {@code outageTolerance} after that JWKS was fetched. At start, before any fetch succeeded, the
 * file is read once.
 *
 * <p>It must sit right above the fetching layers: it can tell a real fetch (saved, and its time
 * recorded) from its own fallback (never saved again, so the file's age stays true). That is why
 * Nimbus's {@code OutageTolerantJWKSetSource}, which only keeps memory, is not stacked as well: it
 * would hide from this layer whether what it returns was fetched now.
 */
final class LastGoodJwksSource<C extends SecurityContext> extends JWKSetSourceWrapper<C> {

	private static final System.Logger log = System.getLogger(LastGoodJwksSource.class.getName());

	private final LastGoodJwksFile file;

	private final Duration outageTolerance;

	private volatile LastGoodJwksFile.Saved lastGood;

	private volatile boolean fileRead;

	/**
	 * @param source the fetching layers
	 * @param file where to keep the last good JWKS (null: memory only)
	 * @param outageTolerance how long after its fetch a JWKS is still used during an outage
	 */
	LastGoodJwksSource(JWKSetSource<C> source, LastGoodJwksFile file, Duration outageTolerance) {
		super(source);
		this.file = file;
		this.outageTolerance = outageTolerance;
	}

	@Override
	public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, C context)
			throws KeySourceException {
		JWKSet fetched;
		try {
			fetched = getSource().getJWKSet(refreshEvaluator, currentTime, context);
		}
		catch (JWKSetUnavailableException ex) {
			return fallback(Instant.ofEpochMilli(currentTime), ex);
		}
		remember(fetched, Instant.ofEpochMilli(currentTime));
		return fetched;
	}

	private void remember(JWKSet fetched, Instant now) {
		LastGoodJwksFile.Saved saved = new LastGoodJwksFile.Saved(fetched, now);
		this.lastGood = saved;
		this.fileRead = true;
		if (this.file != null) {
			try {
				this.file.save(fetched, now);
			}
			catch (IOException | RuntimeException ex) {
				// Verification goes on from memory; only a restart during an outage would miss the file.
				log.log(Level.WARNING, "Cannot save the last good JWKS to {0}: {1}", this.file.path(), ex.toString());
			}
		}
	}

	private JWKSet fallback(Instant now, JWKSetUnavailableException failure) throws JWKSetUnavailableException {
		LastGoodJwksFile.Saved saved = lastGood();
		if (saved == null) {
			throw failure;
		}
		Instant trustedUntil = saved.fetchedAt().plus(this.outageTolerance);
		if (!now.isBefore(trustedUntil)) {
			throw new JWKSetUnavailableException("The JWKS cannot be fetched and the last good one, fetched at "
					+ saved.fetchedAt() + ", is older than the outage tolerance " + this.outageTolerance, failure);
		}
		if (!(failure instanceof RefetchRateLimitedException)) {
			log.log(Level.WARNING, "The JWKS cannot be fetched ({0}); using the last good one, fetched at {1}, "
					+ "until {2}", failure.getMessage(), saved.fetchedAt(), trustedUntil);
		}
		return saved.jwks();
	}

	/** The last good JWKS: from memory, else (once) from the file. */
	private LastGoodJwksFile.Saved lastGood() {
		if (this.lastGood == null && !this.fileRead && this.file != null) {
			synchronized (this) {
				if (!this.fileRead) {
					this.file.load().ifPresent(saved -> {
						this.lastGood = saved;
						log.log(Level.INFO, "Read the last good JWKS fetched at {0} from {1}", saved.fetchedAt(),
								this.file.path());
					});
					this.fileRead = true;
				}
			}
		}
		return this.lastGood;
	}

}
