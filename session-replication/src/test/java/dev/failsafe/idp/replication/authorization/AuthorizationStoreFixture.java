package dev.failsafe.idp.replication.authorization;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What the {@link AuthorizationStoreContractTest} runs against: the store under test, the time its
 * expiry follows, and the records the tests write (fresh ids, hashes and principals each time).
 */
public abstract class AuthorizationStoreFixture {

	/** The principal of records whose principal no test looks up. */
	protected static final String PRINCIPAL = "alice";

	/** The store under test. */
	protected abstract AuthorizationStore store();

	/** The clock the store computes expiry with. */
	protected Clock clock() {
		return Clock.systemUTC();
	}

	/** Moves the store's time past {@code instant}; stores on real time have nothing to do. */
	protected void advancePast(Instant instant) {
	}

	/** The lifetime of the records that the expiry tests watch expire. */
	protected Duration shortLifetime() {
		return Duration.ofSeconds(2);
	}

	/** How long after its expiry a record may still be visible. */
	protected Duration expiryDeadline() {
		return Duration.ofSeconds(15);
	}

	/** A new version-1 record with one live hash, expiring in an hour. */
	protected AuthorizationRecord newRecord() {
		return newRecord(PRINCIPAL);
	}

	/** A new version-1 record of {@code principalName} with one live hash, expiring in an hour. */
	protected AuthorizationRecord newRecord(String principalName) {
		return new AuthorizationRecord(id(), 1, principalName, Set.of(hash()), Set.of(), later(),
				"payload-" + UUID.randomUUID());
	}

	/** The next version of {@code current} with a fresh live hash in place of the old ones. */
	protected static AuthorizationRecord rotate(AuthorizationRecord current) {
		return current.next(Set.of(hash()), current.tokenHashes(), current.expiresAt(), "rotated");
	}

	/** An hour from now in the store's time. */
	Instant later() {
		return Instant.now(clock()).plus(Duration.ofHours(1));
	}

	/** A principal of its own, so tests that list a principal's records see only theirs. */
	protected static String principal() {
		return "user-" + UUID.randomUUID();
	}

	protected static String id() {
		return "authz-" + UUID.randomUUID();
	}

	protected static String hash() {
		return "hash-" + UUID.randomUUID();
	}

}
