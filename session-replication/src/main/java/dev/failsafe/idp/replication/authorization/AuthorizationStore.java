package dev.failsafe.idp.replication.authorization;

import java.util.List;
import java.util.Optional;

/**
 * Stores OAuth2 authorizations (codes, access-token metadata, refresh tokens and their rotated
 * predecessors) with lookup by token hash and by principal, and no scans.
 *
 * <p>One-time use rests on {@link #replace}: of two concurrent replaces of one version exactly one
 * succeeds. Every write returns only once it is as durable as the implementation promises (for the
 * replicated stores: confirmed on a replica); otherwise it throws
 * {@link dev.failsafe.idp.replication.StoreUnavailableException} and the caller must not report
 * success.
 */
public interface AuthorizationStore {

	Optional<AuthorizationRecord> findById(String id);

	/** The record whose live or retired hashes contain {@code tokenHash}. */
	Optional<AuthorizationRecord> findByTokenHash(String tokenHash);

	/**
	 * The records of {@code principalName} that have not expired, in no particular order: what a
	 * security event (a user disabled, deleted, or given a new password) must revoke. A record
	 * removed or expired is not returned.
	 */
	List<AuthorizationRecord> findByPrincipalName(String principalName);

	/**
	 * Stores a new record (version 1).
	 * @return false if a record with this id exists already
	 */
	boolean insert(AuthorizationRecord record);

	/**
	 * Replaces {@code current} (as read from this store) by {@code next} if the stored version is
	 * still {@code current.version()}; {@code next.version()} must be {@code current.version() + 1}.
	 *
	 * <p>{@code next} may name another principal: the record then moves from {@code current}'s
	 * principal to {@code next}'s in the same atomic step as the version check, so from the moment
	 * the replace returns true {@link #findByPrincipalName} finds it under the new principal and no
	 * longer under the old one, and a replace that loses the race moves nothing. (The device grant
	 * needs it: its record is created for the device's client and taken over by the user who
	 * approves the device, whose security events must then revoke it.)
	 * @return false if another writer got there first (or the record is gone)
	 */
	boolean replace(AuthorizationRecord current, AuthorizationRecord next);

	/** Removes the record and its index entries; removing a missing id is a no-op. */
	void remove(String id);

}
