package dev.failsafe.idp.replication.backchannel;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.failsafe.idp.replication.StoreUnavailableException;
import dev.failsafe.idp.replication.redis.ReplicaAcknowledgement;
import dev.failsafe.idp.replication.testing.AcknowledgedRedis;
import dev.failsafe.idp.testing.redis.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The contract against a real primary whose every scheduled delivery a real replica acknowledges. */
class RedisLogoutDeliveryStoreTest extends LogoutDeliveryStoreContractTest {

	private static AcknowledgedRedis redis;

	private static RedisServer primary;

	private static RedisServer replica;

	private static RedisLogoutDeliveryStore store;

	@BeforeAll
	static void startServers() {
		redis = AcknowledgedRedis.start();
		primary = redis.primary();
		replica = redis.replica();
		store = new RedisLogoutDeliveryStore(redis.calls(), redis.acknowledgement());
	}

	@AfterAll
	static void stopServers() {
		if (redis != null) {
			redis.close();
		}
	}

	@Override
	protected LogoutDeliveryStore store() {
		return store;
	}

	@Test
	void scheduleWhenStoredThenKeysAreAsDocumentedAndOnTheReplica() {
		assertThat(RedisLogoutDeliveryStore.DELIVERY_KEY_PREFIX).isEqualTo("idp:backchannel-logout:delivery:");
		assertThat(RedisLogoutDeliveryStore.DUE_KEY).isEqualTo("idp:backchannel-logout:due");
		LogoutDelivery delivery = newDelivery();
		store.schedule(delivery);
		String key = "idp:backchannel-logout:delivery:" + delivery.id();

		assertThat(primary.call("TYPE", key)).isEqualTo("hash");
		assertThat(primary.call("HGET", key, "client")).isEqualTo(delivery.clientId());
		assertThat(primary.call("HGET", key, "subject")).isEqualTo("alice");
		assertThat(primary.call("HGET", key, "session")).isEqualTo(delivery.sessionId());
		assertThat(primary.call("HGET", key, "token-id")).isEqualTo(delivery.tokenId());
		assertThat(primary.call("HGET", key, "created-at")).isEqualTo(delivery.createdAt().toString());
		assertThat(primary.call("HGET", key, "expires-at")).isEqualTo(delivery.expiresAt().toString());
		assertThat(primary.call("HGET", key, "next-attempt-at")).isEqualTo(delivery.nextAttemptAt().toString());
		assertThat(primary.call("HGET", key, "attempts")).isEqualTo("0");
		assertThat(primary.call("HGET", key, "claim")).isEqualTo("");
		assertThat(primary.call("HGET", key, "scheduled")).isEqualTo("1");
		assertThat(primary.call("HLEN", key)).isEqualTo(10L);
		long expected = Duration.between(Instant.now(), delivery.expiresAt()).toMillis();
		assertThat((Long) primary.call("PTTL", key)).isBetween(expected - 5_000, expected + 1_000);
		assertThat(primary.call("TYPE", "idp:backchannel-logout:due")).isEqualTo("zset");
		assertThat(Double.parseDouble((String) primary.call("ZSCORE", "idp:backchannel-logout:due", delivery.id())))
			.isEqualTo(delivery.nextAttemptAt().toEpochMilli());
		// Acknowledged means on the replica too.
		assertThat(replica.call("HGET", key, "token-id")).isEqualTo(delivery.tokenId());

		// Scheduled again: kept as it was, counted, and still confirmed on the replica.
		assertThat(store.schedule(delivery)).isFalse();
		assertThat(replica.call("HGET", key, "scheduled")).isEqualTo("2");

		// A claim writes its claim and moves the due time to the end of its lease.
		LogoutDelivery held = store.claimDue(delivery.createdAt(), LEASE, 10).get(0);
		assertThat(primary.call("HGET", key, "claim")).isEqualTo(held.claim());
		assertThat(Double.parseDouble((String) primary.call("ZSCORE", "idp:backchannel-logout:due", delivery.id())))
			.isEqualTo(held.nextAttemptAt().toEpochMilli());
	}

	@Test
	void scheduleWhenTooFewReplicasAcknowledgeThenStoreUnavailable() {
		RedisLogoutDeliveryStore needsTwo = new RedisLogoutDeliveryStore(redis.calls(),
				new ReplicaAcknowledgement(2, Duration.ofMillis(200)));
		assertThatExceptionOfType(StoreUnavailableException.class)
			.isThrownBy(() -> needsTwo.schedule(newDelivery()));
	}

	@Test
	void claimDueWhenTheDeliveryExpiredThenDroppedFromTheDueSet() {
		LogoutDelivery delivery = newDelivery();
		store.schedule(delivery);
		primary.call("DEL", "idp:backchannel-logout:delivery:" + delivery.id());
		assertThat(store.claimDue(delivery.createdAt(), LEASE, 10)).isEmpty();
		assertThat(primary.call("ZSCORE", "idp:backchannel-logout:due", delivery.id())).isNull();
	}

	@Test
	void writeWhenScriptCacheFlushedThenScriptSentAgain() {
		primary.call("SCRIPT", "FLUSH");
		LogoutDelivery delivery = newDelivery();
		assertThat(store.schedule(delivery)).isTrue();
		assertThat(store.claimDue(delivery.createdAt(), LEASE, 10)).hasSize(1);
	}

}
