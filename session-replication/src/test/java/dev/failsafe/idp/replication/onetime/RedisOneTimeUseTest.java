package dev.failsafe.idp.replication.onetime;

import java.time.Duration;

import dev.failsafe.idp.replication.redis.RedisCalls;
import dev.failsafe.idp.replication.redis.ReplicaAcknowledgement;
import dev.failsafe.idp.replication.testing.RedisTestConnections;
import dev.failsafe.idp.testing.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

class RedisOneTimeUseTest extends OneTimeUseContractTest {

	private static RedisServer primary;

	private static RedisServer replica;

	private static LettuceConnectionFactory connections;

	private static RedisOneTimeUse store;

	@BeforeAll
	static void startServers() {
		primary = RedisServer.start();
		replica = RedisServer.startReplicaOf(primary);
		primary.awaitInSync(1, Duration.ofSeconds(20));
		connections = RedisTestConnections.dedicated(primary);
		store = new RedisOneTimeUse(new RedisCalls(connections), new ReplicaAcknowledgement(1, Duration.ofSeconds(5)));
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
	protected OneTimeUse store() {
		return store;
	}

	@Test
	void firstUseWhenRecordedThenKeyIsAsDocumentedAndOnTheReplica() {
		assertThat(RedisOneTimeUse.KEY_PREFIX).isEqualTo("idp:once:");
		store.firstUse("layout-key", Duration.ofMinutes(2));
		assertThat(primary.call("TYPE", "idp:once:layout-key")).isEqualTo("string");
		assertThat(primary.call("GET", "idp:once:layout-key")).isEqualTo("1");
		assertThat(Long.parseLong(String.valueOf(primary.call("PTTL", "idp:once:layout-key")))).isBetween(1L, 120_000L);
		assertThat(replica.call("GET", "idp:once:layout-key")).as("acknowledged by the replica").isEqualTo("1");
	}

}
