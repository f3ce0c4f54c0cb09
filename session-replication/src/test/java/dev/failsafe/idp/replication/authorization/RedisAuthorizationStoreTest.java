package dev.failsafe.idp.replication.authorization;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import dev.failsafe.idp.replication.testing.AcknowledgedRedis;
import dev.failsafe.idp.testing.SettableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract against a real primary whose every write is acknowledged by a real replica. */
class RedisAuthorizationStoreTest extends AuthorizationStoreContractTest {

	private static AcknowledgedRedis redis;

	private static RedisAuthorizationStore store;

	@BeforeAll
	static void startServers() {
		redis = AcknowledgedRedis.start();
		store = new RedisAuthorizationStore(redis.calls(), redis.acknowledgement());
	}

	@AfterAll
	static void stopServers() {
		if (redis != null) {
			redis.close();
		}
	}

	@Override
	protected AuthorizationStore store() {
		return store;
	}

	@Test
	void insertWhenStoredThenKeysAreAsDocumented() {
		assertThat(RedisAuthorizationStore.RECORD_KEY_PREFIX).isEqualTo("idp:authz:id:");
		assertThat(RedisAuthorizationStore.INDEX_KEY_PREFIX).isEqualTo("idp:authz:token:");
		assertThat(RedisAuthorizationStore.PRINCIPAL_KEY_PREFIX).isEqualTo("idp:authz:principal:");
		String retired = hash();
		String principal = principal();
		AuthorizationRecord record = new AuthorizationRecord(id(), 1, principal, Set.of(hash()), Set.of(retired),
				Instant.now().plus(Duration.ofHours(1)), "the-payload");
		store.insert(record);
		String live = record.tokenHashes().iterator().next();
		String recordKey = "idp:authz:id:" + record.id();

		assertThat(redis.primary().call("TYPE", recordKey)).isEqualTo("hash");
		assertThat(redis.primary().call("HGET", recordKey, "version")).isEqualTo("1");
		assertThat(redis.primary().call("HGET", recordKey, "principal")).isEqualTo(principal);
		assertThat(redis.primary().call("HGET", recordKey, "expires-at"))
			.isEqualTo(record.expiresAt().toString());
		assertThat(redis.primary().call("HGET", recordKey, "token-hashes")).isEqualTo("[\"" + live + "\"]");
		assertThat(redis.primary().call("HGET", recordKey, "retired-token-hashes")).isEqualTo("[\"" + retired + "\"]");
		assertThat(redis.primary().call("HGET", recordKey, "payload")).isEqualTo("the-payload");
		assertThat(redis.primary().call("HLEN", recordKey)).isEqualTo(6L);
		assertThat(redis.primary().call("GET", "idp:authz:token:" + live)).isEqualTo(record.id());
		assertThat(redis.primary().call("GET", "idp:authz:token:" + retired)).isEqualTo(record.id());

		String principalKey = "idp:authz:principal:" + principal;
		assertThat(redis.primary().call("TYPE", principalKey)).isEqualTo("zset");
		assertThat(redis.primary().call("ZCARD", principalKey)).isEqualTo(1L);
		assertThat(Double.parseDouble((String) redis.primary().call("ZSCORE", principalKey, record.id())))
			.isCloseTo(record.expiresAt().toEpochMilli(), org.assertj.core.data.Offset.offset(5_000.0));

		long expected = Duration.between(Instant.now(), record.expiresAt()).toMillis();
		for (String key : new String[] { recordKey, "idp:authz:token:" + live, "idp:authz:token:" + retired,
				principalKey }) {
			assertThat((Long) redis.primary().call("PTTL", key)).as(key).isBetween(expected - 5_000, expected + 1_000);
		}
		// Acknowledged means on the replica too.
		assertThat(redis.replica().call("HGET", recordKey, "payload")).isEqualTo("the-payload");
	}

	@Test
	void replaceWhenHashDroppedThenIndexEntryDeletedAndNewOnesCarryTheExpiry() {
		AuthorizationRecord current = newRecord();
		store.insert(current);
		String dropped = current.tokenHashes().iterator().next();
		String added = hash();
		Instant longer = current.expiresAt().plus(Duration.ofHours(1));
		store.replace(current, current.next(Set.of(added), Set.of(), longer, "v2"));
		assertThat(redis.primary().call("EXISTS", "idp:authz:token:" + dropped)).isEqualTo(0L);
		long expected = Duration.between(Instant.now(), longer).toMillis();
		assertThat((Long) redis.primary().call("PTTL", "idp:authz:token:" + added)).isBetween(expected - 5_000,
				expected + 1_000);
		assertThat((Long) redis.primary().call("PTTL", "idp:authz:id:" + current.id())).isBetween(expected - 5_000,
				expected + 1_000);
	}

	@Test
	void replaceToAnotherPrincipalThenIdLeavesTheOldPrincipalKeyAndScoresInTheNewOne() {
		String device = principal();
		String user = principal();
		AuthorizationRecord pending = newRecord(device);
		store.insert(pending);
		assertThat(redis.primary().call("ZSCORE", "idp:authz:principal:" + device, pending.id())).isNotNull();
		store.replace(pending, pending.next(user, pending.tokenHashes(), Set.of(), pending.expiresAt(), "approved"));
		assertThat(redis.primary().call("EXISTS", "idp:authz:principal:" + device)).as("its only member left")
			.isEqualTo(0L);
		assertThat(Double.parseDouble((String) redis.primary().call("ZSCORE", "idp:authz:principal:" + user,
				pending.id())))
			.isCloseTo(pending.expiresAt().toEpochMilli(), org.assertj.core.data.Offset.offset(5_000.0));
		assertThat(redis.primary().call("HGET", "idp:authz:id:" + pending.id(), "principal")).isEqualTo(user);
	}

	@Test
	void insertWhenPrincipalIndexHoldsExpiredRecordsThenTheyAreDroppedAndTheKeyOutlivesTheLongest() {
		String principal = principal();
		String principalKey = "idp:authz:principal:" + principal;
		Instant start = Instant.now();
		SettableClock clock = new SettableClock(start);
		RedisAuthorizationStore clocked = new RedisAuthorizationStore(redis.calls(), redis.acknowledgement(), clock);
		AuthorizationRecord longLived = new AuthorizationRecord(id(), 1, principal, Set.of(hash()), Set.of(),
				start.plus(Duration.ofHours(8)), "long");
		clocked.insert(longLived);
		for (int i = 0; i < 5; i++) {
			clocked.insert(new AuthorizationRecord(id(), 1, principal, Set.of(hash()), Set.of(),
					start.plus(Duration.ofMinutes(5)), "short"));
		}
		assertThat(redis.primary().call("ZCARD", principalKey)).isEqualTo(6L);

		// An hour on: the short ones have expired; the next write drops them from the index.
		clock.set(start.plus(Duration.ofHours(1)));
		AuthorizationRecord shorter = new AuthorizationRecord(id(), 1, principal, Set.of(hash()), Set.of(),
				start.plus(Duration.ofHours(2)), "later");
		clocked.insert(shorter);
		assertThat(redis.primary().call("ZCARD", principalKey)).isEqualTo(2L);
		assertThat(clocked.findByPrincipalName(principal)).containsExactlyInAnyOrder(longLived, shorter);
		// The key's own expiry was never shortened by the shorter record.
		assertThat((Long) redis.primary().call("PTTL", principalKey))
			.isGreaterThan(Duration.ofHours(7).toMillis());
	}

	@Test
	void insertWhenAlreadyExpiredThenStillGivenOneSecond() {
		AuthorizationRecord record = new AuthorizationRecord(id(), 1, PRINCIPAL, Set.of(hash()), Set.of(),
				Instant.now().minusSeconds(60), "expired");
		store.insert(record);
		Long ttl = (Long) redis.primary().call("PTTL", "idp:authz:id:" + record.id());
		assertThat(ttl == -2 || (ttl > 0 && ttl <= 1_000)).as("PTTL %d", ttl).isTrue();
	}

	@Test
	void writeWhenScriptCacheFlushedThenScriptSentAgain() {
		redis.primary().call("SCRIPT", "FLUSH");
		AuthorizationRecord record = newRecord();
		assertThat(store.insert(record)).isTrue();
		assertThat(store.findById(record.id())).contains(record);
	}

}
