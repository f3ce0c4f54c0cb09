package dev.failsafe.idp.replication.authorization;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.failsafe.idp.replication.redis.RedisCalls;
import dev.failsafe.idp.replication.redis.ReplicaAcknowledgement;
import dev.failsafe.idp.testing.redis.RedisServer;
import dev.failsafe.idp.replication.testing.RedisTestConnections;

import static org.assertj.core.api.Assertions.assertThat;

class RedisConsentStoreTest extends ConsentStoreContractTest {

	private static RedisServer primary;

	private static RedisServer replica;

	private static LettuceConnectionFactory connections;

	private static RedisConsentStore store;

	@BeforeAll
	static void startServers() {
		primary = RedisServer.start();
		replica = RedisServer.startReplicaOf(primary);
		primary.awaitInSync(1, Duration.ofSeconds(20));
		connections = RedisTestConnections.dedicated(primary);
		store = new RedisConsentStore(new RedisCalls(connections), new ReplicaAcknowledgement(1, Duration.ofSeconds(5)));
	}

	@AfterAll
	static void stopServers() {
		if (connections != null) {
			connections.destroy();
		}
		if (replica != null) {
			replica.close();
		}
		if (primary != null) {
			primary.close();
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
