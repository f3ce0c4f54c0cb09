package dev.failsafe.idp.testing.redis;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedisServerTest {

	@Test
	void startWhenReplicaThenWritesReachItAndItSurvivesAKill() {
		try (RedisServer primary = RedisServer.start(); RedisServer replica = RedisServer.startReplicaOf(primary)) {
			primary.call("SET", "greeting", "hello");
			primary.awaitInSync(1, Duration.ofSeconds(20));
			assertThat(replica.call("GET", "greeting")).isEqualTo("hello");
			assertThat(primary.call("WAIT", "1", "1000")).isEqualTo(1L);

			replica.kill();
			assertThat(replica.isRunning()).isFalse();
			primary.call("SET", "greeting", "again");
			assertThat(primary.call("WAIT", "1", "200")).isEqualTo(0L);

			replica.restart();
			primary.awaitInSync(1, Duration.ofSeconds(20));
			assertThat(replica.call("GET", "greeting")).isEqualTo("again");
		}
	}

}
