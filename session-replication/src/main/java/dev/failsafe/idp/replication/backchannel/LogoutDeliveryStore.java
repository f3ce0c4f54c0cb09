package dev.failsafe.idp.replication.backchannel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Pending back-channel logout deliveries, shared by every node of every site, so a delivery that one
 * node scheduled is made by whichever node is alive when it comes due.
 *
 * <ul>
 * <li><b>Acknowledged state.</b> {@link #schedule} returns only once the delivery is as durable as
 * the implementation promises (for the replicated stores: confirmed on a replica), before the
 * logout that caused it is acknowledged; otherwise it throws
 * {@link dev.failsafe.idp.replication.StoreUnavailableException} and the caller must not report
 * success.</li>
 * <li><b>Claims with a lease.</b> {@link #claimDue} hands each due delivery to one claimant at a
 * time: its due time moves to the end of the lease, so no other node claims it before then, and a
 * claim whose node died runs out by itself. Only the claim's holder can {@link #complete} or
 * {@link #reschedule} it.</li>
 * <li><b>At least once.</b> Claims, completions and reschedules are not waited for on replicas: a
 * failover may lose one, and then a delivery is made again (a relying party handles a logout token
 * for a session it already ended as a success).</li>
 * <li><b>Bounded.</b> Every delivery is forgotten at its {@code expiresAt}, delivered or not.</li>
 * </ul>
 */
public interface LogoutDeliveryStore {

	/**
	 * Stores {@code delivery} unless one with its id is pending.
	 * @return true if it is new, false if that delivery was pending already (then it is kept as it
	 * is, and is as durable as a new one on return)
	 */
	boolean schedule(LogoutDelivery delivery);

	/**
	 * Claims at most {@code max} deliveries due at {@code now} (next attempt at or before it, whether
	 * never claimed or a claim's lease has run out), each for {@code lease}.
	 * @return the claimed deliveries, each carrying its new claim
	 */
	List<LogoutDelivery> claimDue(Instant now, Duration lease, int max);

	/**
	 * Forgets a claimed delivery (delivered, or given up).
	 * @return false if {@code claimed}'s claim no longer holds it (its lease ran out and another node
	 * claimed it, or it is gone)
	 */
	boolean complete(LogoutDelivery claimed);

	/**
	 * Releases a claimed delivery after a failed attempt: one attempt more, due again at
	 * {@code nextAttemptAt}.
	 * @return false if {@code claimed}'s claim no longer holds it
	 */
	boolean reschedule(LogoutDelivery claimed, Instant nextAttemptAt);

	/** How many deliveries are pending (claimed or not). */
	long pending();

}
