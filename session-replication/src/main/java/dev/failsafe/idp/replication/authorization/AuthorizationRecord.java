package dev.failsafe.idp.replication.authorization;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One stored OAuth2 authorization as the store sees it: an opaque payload plus the hashes it can be
 * found by. Token values never reach the store, only their hashes.
 *
 * @param id the authorization id
 * @param version incremented by every replace; the compare-and-set token of
 * {@link AuthorizationStore#replace}
 * @param principalName whose authorization it is (a user, or the client itself for client
 * credentials), and what {@link AuthorizationStore#findByPrincipalName} finds it by; a replace may
 * hand the record to another principal (the device grant's record belongs to the device's client until
 * the user who approves it takes it over)
 * @param tokenHashes hashes of the live token values (code, access, refresh, ID token, consent
 * state) that find this record
 * @param retiredTokenHashes hashes of refresh tokens rotated out of this authorization; presenting
 * one is reuse, and the caller revokes the family
 * @param expiresAt when the store may forget the record and its index entries
 * @param payload the authorization's serialized form, owned by the caller
 */
public record AuthorizationRecord(String id, long version, String principalName, Set<String> tokenHashes,
		Set<String> retiredTokenHashes, Instant expiresAt, String payload) implements Serializable {

	@Serial
	private static final long serialVersionUID = 2L;

	public AuthorizationRecord {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(principalName, "principalName");
		Objects.requireNonNull(expiresAt, "expiresAt");
		Objects.requireNonNull(payload, "payload");
		tokenHashes = Set.copyOf(tokenHashes);
		retiredTokenHashes = Set.copyOf(retiredTokenHashes);
		if (version < 1) {
			throw new IllegalArgumentException("version starts at 1");
		}
	}

	/** Every hash that finds this record, live or retired. */
	public Set<String> allHashes() {
		java.util.Set<String> all = new java.util.HashSet<>(this.tokenHashes);
		all.addAll(this.retiredTokenHashes);
		return all;
	}

	/** Refuses {@code next} unless it is this record's successor: same id, next version. */
	void requireSuccessor(AuthorizationRecord next) {
		if (!this.id.equals(next.id) || next.version != this.version + 1) {
			throw new IllegalArgumentException("next must be version " + (this.version + 1) + " of " + this.id
					+ ", not version " + next.version + " of " + next.id);
		}
	}

	/** The record that replaces this one: same id and principal, next version. */
	public AuthorizationRecord next(Set<String> tokenHashes, Set<String> retiredTokenHashes, Instant expiresAt,
			String payload) {
		return next(this.principalName, tokenHashes, retiredTokenHashes, expiresAt, payload);
	}

	/**
	 * The record that replaces this one, owned by {@code principalName} from then on: same id, next
	 * version.
	 */
	public AuthorizationRecord next(String principalName, Set<String> tokenHashes, Set<String> retiredTokenHashes,
			Instant expiresAt, String payload) {
		return new AuthorizationRecord(this.id, this.version + 1, principalName, tokenHashes, retiredTokenHashes,
				expiresAt, payload);
	}

}
