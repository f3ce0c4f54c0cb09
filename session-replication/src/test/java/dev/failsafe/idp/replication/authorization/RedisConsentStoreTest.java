package dev.failsafe.idp.replication.authorization;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.failsafe.idp.replication.redis.RedisCalls;
import dev.failsafe.idp.replication.redis.ReplicaAcknowledgement;
import dev.failsafe.idp.testing.redis.RedisPair;
import dev.failsafe.idp.replication.testing.RedisTestConnections;

import static org.assertj.core.api.Assertions.assertThat;

class RedisConsentStoreTest extends ConsentStoreContractTest {

	private static RedisPair redis;

	private static LettuceConnectionFactory connections;

	private static RedisConsentStore store;

	@BeforeAll
	static void startServers() {
		redis = RedisPair.start();
		connections = RedisTestConnections.dedicated(redis.primary());
		store = new RedisConsentStore(new RedisCalls(connections), new ReplicaAcknowledgement(1, Duration.ofSeconds(5)));
	}

	@AfterAll
	static void stopServers() {
		if (connections != null) {
			connections.destroy();
		}
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
