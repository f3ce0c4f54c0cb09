package dev.failsafe.idp.replication.authorization;

import java.util.Set;

import dev.failsafe.idp.replication.testing.AcknowledgedRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedisConsentStoreTest extends ConsentStoreContractTest {

	private static AcknowledgedRedis redis;

	private static RedisConsentStore store;

	@BeforeAll
	static void startServers() {
		redis = AcknowledgedRedis.start();
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
		assertThat(redis.primary().call("TYPE", "idp:consent:carol")).isEqualTo("hash");
		assertThat(redis.primary().call("HGET", "idp:consent:carol", "layout-client"))
			.isEqualTo("[\"SCOPE_openid\",\"SCOPE_profile\"]");
		assertThat(redis.primary().call("PTTL", "idp:consent:carol")).isEqualTo(-1L);
		assertThat(redis.replica().call("HGET", "idp:consent:carol", "layout-client")).isNotNull();
	}

}
