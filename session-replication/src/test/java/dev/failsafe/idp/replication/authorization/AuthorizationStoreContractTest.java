package dev.failsafe.idp.replication.authorization;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.failsafe.idp.testing.Racers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The behaviour every {@link AuthorizationStore} must have. An implementation's test extends this
 * class and supplies the store; every test uses fresh ids and hashes, so the store may be shared.
 *
 * <p>Expiry is observed in the store's time: a store whose expiry follows a test clock overrides
 * {@link #clock()} and {@link #advancePast(Instant)}; a store on real time keeps the defaults and
 * the tests wait (records live {@link #shortLifetime()}).
 */
public abstract class AuthorizationStoreContractTest extends AuthorizationStoreFixture {

	@Test
	void insertWhenNewThenFindableByIdAndEveryHash() {
		AuthorizationRecord record = newRecord();
		assertThat(store().insert(record)).isTrue();
		assertThat(store().findById(record.id())).contains(record);
		for (String hash : record.allHashes()) {
			assertThat(store().findByTokenHash(hash)).contains(record);
		}
	}

	@Test
	void insertWhenIdTakenThenFalseAndFirstKept() {
		AuthorizationRecord first = newRecord();
		AuthorizationRecord second = new AuthorizationRecord(first.id(), 1, PRINCIPAL, Set.of(hash()), Set.of(),
				first.expiresAt(), "second");
		store().insert(first);
		assertThat(store().insert(second)).isFalse();
		assertThat(store().findById(first.id())).contains(first);
		assertThat(store().findByTokenHash(second.tokenHashes().iterator().next())).isEmpty();
	}

	@Test
	void findByTokenHashWhenRetiredHashThenFindsRecord() {
		String retired = hash();
		AuthorizationRecord record = new AuthorizationRecord(id(), 1, PRINCIPAL, Set.of(hash()), Set.of(retired), later(),
				"payload");
		store().insert(record);
		assertThat(store().findByTokenHash(retired)).contains(record);
	}

	@Test
	void findWhenUnknownThenEmpty() {
		assertThat(store().findById(id())).isEmpty();
		assertThat(store().findByTokenHash(hash())).isEmpty();
	}

	@Test
	void replaceWhenVersionCurrentThenTrueAndNextStored() {
		AuthorizationRecord current = newRecord();
		store().insert(current);
		AuthorizationRecord next = rotate(current);
		assertThat(store().replace(current, next)).isTrue();
		assertThat(store().findById(current.id())).contains(next);
	}

	@Test
	void insertWhenVersionIsNotOneThenRefused() {
		AuthorizationRecord record = new AuthorizationRecord(id(), 2, PRINCIPAL, Set.of(hash()), Set.of(),
				Instant.now().plusSeconds(60), "v2");
		assertThatIllegalArgumentException().isThrownBy(() -> store().insert(record));
	}

	@Test
	void replaceWhenNextSkipsAVersionThenRefused() {
		AuthorizationRecord current = newRecord();
		store().insert(current);
		AuthorizationRecord skipping = new AuthorizationRecord(current.id(), 3, PRINCIPAL, Set.of(hash()), Set.of(),
				current.expiresAt(), "v3");
		assertThatIllegalArgumentException().isThrownBy(() -> store().replace(current, skipping));
		assertThat(store().findById(current.id())).contains(current);
	}

	@Test
	void replaceWhenVersionStaleThenFalseAndStoredUnchanged() {
		AuthorizationRecord current = newRecord();
		store().insert(current);
		AuthorizationRecord winner = rotate(current);
		store().replace(current, winner);
		AuthorizationRecord stale = rotate(current);
		assertThat(store().replace(current, stale)).isFalse();
		assertThat(store().findById(current.id())).contains(winner);
		assertThat(store().findByTokenHash(stale.tokenHashes().iterator().next())).isEmpty();
	}

	@Test
	void replaceWhenRecordMissingThenFalse() {
		AuthorizationRecord never = newRecord();
		assertThat(store().replace(never, rotate(never))).isFalse();
		assertThat(store().findById(never.id())).isEmpty();
	}

	@Test
	void replaceWhenHashesRotatedThenIndexFollows() {
		AuthorizationRecord current = newRecord();
		store().insert(current);
		String dropped = current.tokenHashes().iterator().next();
		String added = hash();
		AuthorizationRecord next = current.next(Set.of(added), Set.of(), current.expiresAt(), "rotated");
		store().replace(current, next);
		assertThat(store().findByTokenHash(added)).contains(next);
		assertThat(store().findByTokenHash(dropped)).isEmpty();
	}

	@Test
	void replaceWhenRefreshRotatedThenOldHashFindsRecordAsRetired() {
		AuthorizationRecord current = newRecord();
		store().insert(current);
		String oldRefresh = current.tokenHashes().iterator().next();
		AuthorizationRecord next = current.next(Set.of(hash()), Set.of(oldRefresh), current.expiresAt(), "rotated");
		store().replace(current, next);
		assertThat(store().findByTokenHash(oldRefresh))
			.hasValueSatisfying((found) -> assertThat(found.retiredTokenHashes()).contains(oldRefresh));
	}

	@Test
	void replaceWhenRacedByManyThreadsThenExactlyOneWins() throws Exception {
		AuthorizationRecord current = newRecord();
		store().insert(current);
		List<Boolean> wins = Racers.race(32, () -> store().replace(current, rotate(current)));
		assertThat(wins).containsOnlyOnce(true);
		assertThat(store().findById(current.id()))
			.hasValueSatisfying((stored) -> assertThat(stored.version()).isEqualTo(2));
	}

	@Test
	void removeWhenPresentThenGoneByIdAndHash() {
		AuthorizationRecord record = newRecord();
		store().insert(record);
		store().remove(record.id());
		assertThat(store().findById(record.id())).isEmpty();
		for (String hash : record.allHashes()) {
			assertThat(store().findByTokenHash(hash)).isEmpty();
		}
	}

	@Test
	void removeWhenMissingThenNoOp() {
		store().remove(id());
	}

	@Test
	void findByPrincipalNameWhenRecordsOfSeveralPrincipalsThenOnlyTheirs() {
		String principal = principal();
		AuthorizationRecord first = newRecord(principal);
		AuthorizationRecord second = newRecord(principal);
		store().insert(first);
		store().insert(second);
		store().insert(newRecord(principal()));
		assertThat(store().findByPrincipalName(principal)).containsExactlyInAnyOrder(first, second);
		assertThat(store().findByPrincipalName(principal())).isEmpty();
	}

	@Test
	void findByPrincipalNameWhenReplacedThenCurrentVersionAndWhenRemovedThenGone() {
		String principal = principal();
		AuthorizationRecord current = newRecord(principal);
		AuthorizationRecord other = newRecord(principal);
		store().insert(current);
		store().insert(other);
		AuthorizationRecord next = rotate(current);
		store().replace(current, next);
		assertThat(store().findByPrincipalName(principal)).containsExactlyInAnyOrder(next, other);
		store().remove(next.id());
		assertThat(store().findByPrincipalName(principal)).containsExactly(other);
		store().remove(other.id());
		assertThat(store().findByPrincipalName(principal)).isEmpty();
	}

	@Test
	void findByPrincipalNameWhenRecordExpiredThenNotFound() {
		String principal = principal();
		Instant expiresAt = Instant.now(clock()).plus(shortLifetime());
		AuthorizationRecord expiring = new AuthorizationRecord(id(), 1, principal, Set.of(hash()), Set.of(), expiresAt,
				"short");
		AuthorizationRecord lasting = newRecord(principal);
		store().insert(expiring);
		store().insert(lasting);
		advancePast(expiresAt);
		await().atMost(shortLifetime().plus(expiryDeadline()))
			.untilAsserted(() -> assertThat(store().findByPrincipalName(principal)).containsExactly(lasting));
	}

	@Test
	void replaceToAnotherPrincipalMovesTheIndexEntry() {
		String device = principal();
		String user = principal();
		AuthorizationRecord pending = newRecord(device);
		AuthorizationRecord devicesOther = newRecord(device);
		store().insert(pending);
		store().insert(devicesOther);
		AuthorizationRecord approved = pending.next(user, Set.of(hash()), Set.of(), pending.expiresAt(), "approved");
		assertThat(store().replace(pending, approved)).isTrue();
		assertThat(store().findById(pending.id())).contains(approved);
		assertThat(store().findByPrincipalName(user)).containsExactly(approved);
		assertThat(store().findByPrincipalName(device)).containsExactly(devicesOther);

		// A replace that loses the version check moves nothing.
		String thief = principal();
		assertThat(store().replace(pending, pending.next(thief, Set.of(hash()), Set.of(), pending.expiresAt(), "stale")))
			.isFalse();
		assertThat(store().findByPrincipalName(thief)).isEmpty();
		assertThat(store().findByPrincipalName(user)).containsExactly(approved);

		store().remove(approved.id());
		assertThat(store().findByPrincipalName(user)).isEmpty();
	}

	@Test
	void replaceWhenNextIsNotTheSuccessorThenRefused() {
		AuthorizationRecord current = newRecord(principal());
		store().insert(current);
		AuthorizationRecord other = new AuthorizationRecord(id(), 2, current.principalName(), Set.of(hash()), Set.of(),
				current.expiresAt(), "another record");
		assertThatIllegalArgumentException().isThrownBy(() -> store().replace(current, other));
		assertThat(store().findById(current.id())).contains(current);
	}

	@Test
	void insertWhenExpiresAtPassesThenRecordAndHashesGone() {
		Instant expiresAt = Instant.now(clock()).plus(shortLifetime());
		AuthorizationRecord record = new AuthorizationRecord(id(), 1, principal(), Set.of(hash()), Set.of(), expiresAt, "short");
		store().insert(record);
		assertThat(store().findById(record.id())).isPresent();
		advancePast(expiresAt);
		await().atMost(shortLifetime().plus(expiryDeadline()))
			.untilAsserted(() -> assertThat(store().findById(record.id())).isEmpty());
		assertThat(store().findByTokenHash(record.tokenHashes().iterator().next())).isEmpty();
	}

	@Test
	void replaceWhenExpiryExtendedThenRecordOutlivesFirstExpiry() {
		Instant firstExpiry = Instant.now(clock()).plus(shortLifetime());
		AuthorizationRecord current = new AuthorizationRecord(id(), 1, PRINCIPAL, Set.of(hash()), Set.of(), firstExpiry, "v1");
		store().insert(current);
		AuthorizationRecord next = current.next(current.tokenHashes(), Set.of(), later(), "v2");
		assertThat(store().replace(current, next)).isTrue();
		advancePast(firstExpiry.plusSeconds(1));
		await().pollDelay(shortLifetime().plusSeconds(1))
			.atMost(shortLifetime().plus(expiryDeadline()))
			.untilAsserted(() -> {
				assertThat(store().findById(current.id())).contains(next);
				assertThat(store().findByTokenHash(current.tokenHashes().iterator().next())).contains(next);
			});
	}

}
