package dev.failsafe.idp.replication.authorization;

import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.failsafe.idp.testing.redis.RedisServer;
import dev.failsafe.idp.replication.testing.ReplicatedRedis;

import static org.assertj.core.api.Assertions.assertThat;

class RedisConsentStoreTest extends ConsentStoreContractTest {

	private static ReplicatedRedis redis;

	private static RedisServer primary;

	private static RedisServer replica;

	private static RedisConsentStore store;

	@BeforeAll
	static void startServers() {
		redis = ReplicatedRedis.start();
		primary = redis.primary();
		replica = redis.replica();
		store = new RedisConsentStore(redis.calls(), redis.acknowledgement());
	}

	@AfterAll
	static void stopServers() {
		if (redis != null) {
			redis.close();
		}
	}

	@Override
	protected ConsentStore store() {
		return store;
	}

	@Test
	void saveWhenStoredThenKeyIsAsDocumented() {
		assertThat(RedisConsentStore.KEY_PREFIX).isEqualTo("idp:consent:");
		store.save(new ConsentRecord("layout-client", "carol", Set.of("SCOPE_profile", "SCOPE_openid")));
		assertThat(primary.call("TYPE", "idp:consent:carol")).isEqualTo("hash");
		assertThat(primary.call("HGET", "idp:consent:carol", "layout-client"))
			.isEqualTo("[\"SCOPE_openid\",\"SCOPE_profile\"]");
		assertThat(primary.call("PTTL", "idp:consent:carol")).isEqualTo(-1L);
		assertThat(replica.call("HGET", "idp:consent:carol", "layout-client")).isNotNull();
	}

}
