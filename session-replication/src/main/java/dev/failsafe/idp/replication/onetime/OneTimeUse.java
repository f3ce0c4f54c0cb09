package dev.failsafe.idp.replication.onetime;

import java.time.Duration;

/**
 * Values that may be used once within a window, across every node and site sharing the store: a
 * DPoP proof's {@code jti} (RFC 9449 section 11.1), so a proof replayed at another node is refused
 * as at the node that saw it first.
 *
 * <p>A write returns only once it is as durable as the implementation promises (on Redis: confirmed
 * on a replica); otherwise it throws {@link dev.failsafe.idp.replication.StoreUnavailableException}
 * and the caller must refuse the request, never let it through unchecked.
 */
public interface OneTimeUse {

	/**
	 * Records {@code key} as used for {@code window}.
	 * @param key the value, already hashed by the caller (at most 200 characters)
	 * @param window how long the use is remembered (at least a second)
	 * @return true if this is its first use within the window, false if it was used already; of
	 * concurrent first uses at any nodes exactly one gets true
	 */
	boolean firstUse(String key, Duration window);

}
