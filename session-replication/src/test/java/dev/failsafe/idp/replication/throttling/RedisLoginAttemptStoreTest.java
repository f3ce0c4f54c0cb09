package dev.failsafe.idp.replication.throttling;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.failsafe.idp.replication.StoreUnavailableException;
import dev.failsafe.idp.replication.redis.RedisCalls;
import dev.failsafe.idp.testing.redis.RedisServer;
import dev.failsafe.idp.replication.testing.RedisTestConnections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The contract against a real redis-server, the key layout, and what happens when Redis is gone. */
class RedisLoginAttemptStoreTest extends LoginAttemptStoreContractTest {

	private static RedisServer redis;

	private static LettuceConnectionFactory connections;

	private static RedisLoginAttemptStore store;

	@BeforeAll
	static void startServer() {
		redis = RedisServer.start();
		connections = RedisTestConnections.dedicated(redis);
		store = new RedisLoginAttemptStore(new RedisCalls(connections));
	}

	@AfterAll
	static void stopServer() {
		if (connections != null) {
			connections.destroy();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Override
	protected LoginAttemptStore store() {
		return store;
	}

	@Test
	void admitThenKeysAreAsDocumentedAndBoundedByTheirLimits() {
		assertThat(RedisLoginAttemptStore.PAIR_KEY_PREFIX).isEqualTo("idp:login:pair:");
		assertThat(RedisLoginAttemptStore.ADDRESS_KEY_PREFIX).isEqualTo("idp:login:address:");
		assertThat(RedisLoginAttemptStore.ACCOUNT_KEY_PREFIX).isEqualTo("idp:login:account:");
		String account = id();
		String address = id();
		Admission first = admit(account, address, start());
		String pairKey = "idp:login:pair:" + account + ":" + address;
		String[] keys = { pairKey, "idp:login:address:" + address, "idp:login:account:" + account };
		for (String key : keys) {
			assertThat(redis.call("TYPE", key)).as(key).isEqualTo("zset");
			assertThat(Double.parseDouble((String) redis.call("ZSCORE", key, "p:" + first.attemptId())))
				.isEqualTo(start().toEpochMilli());
			assertThat((Long) redis.call("PTTL", key)).as(key)
				.isBetween(LIMITS.window().toMillis() - 5_000, LIMITS.window().toMillis());
		}
		store.failed(account, address, first.attemptId(), LIMITS, start().plusSeconds(1));
		for (String key : keys) {
			assertThat(redis.call("ZSCORE", key, "p:" + first.attemptId())).as(key).isNull();
			assertThat(Double.parseDouble((String) redis.call("ZSCORE", key, "f:" + first.attemptId())))
				.isEqualTo(start().plusSeconds(1).toEpochMilli());
		}
		// One account failing from many addresses: its set keeps only as many as its limit.
		for (int i = 0; i < LIMITS.perAccount() * 3; i++) {
			assertThat(admit(account, id(), start().plusMillis(i)).isAdmitted()).isTrue();
		}
		assertThat(redis.call("ZCARD", "idp:login:account:" + account)).isEqualTo((long) LIMITS.perAccount());
	}

	@Test
	void succeededThenPairKeyDeleted() {
		String account = id();
		String address = id();
		Admission attempt = admit(account, address, start());
		store.succeeded(account, address, attempt.attemptId());
		assertThat(redis.call("EXISTS", "idp:login:pair:" + account + ":" + address)).isEqualTo(0L);
		assertThat(redis.call("ZCARD", "idp:login:account:" + account)).isEqualTo(0L);
	}

	@Test
	void admitWhenRedisDownThenStoreUnavailableNotAdmitted() {
		RedisServer gone = RedisServer.start();
		LettuceConnectionFactory goneConnections = RedisTestConnections.dedicated(gone, Duration.ofSeconds(1));
		try {
			RedisLoginAttemptStore unavailable = new RedisLoginAttemptStore(new RedisCalls(goneConnections));
			assertThat(unavailable.admit(id(), id(), LIMITS, start()).isAdmitted()).isTrue();
			gone.kill();
			assertThatExceptionOfType(StoreUnavailableException.class)
				.isThrownBy(() -> unavailable.admit(id(), id(), LIMITS, start()));
		}
		finally {
			goneConnections.destroy();
			gone.close();
		}
	}

	@Test
	void admitWhenScriptCacheFlushedThenScriptSentAgain() {
		redis.call("SCRIPT", "FLUSH");
		assertThat(admit(id(), id(), start()).isAdmitted()).isTrue();
	}

}
