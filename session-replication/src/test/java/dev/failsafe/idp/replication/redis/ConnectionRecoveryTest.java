package dev.failsafe.idp.replication.redis;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConnectionRecoveryTest {

	@Test
	void reconnectDelayWhenConnectionKeepsFailingThenAttemptsStayAtMostTheSettingApart() {
		io.lettuce.core.resource.Delay delay = new ReconnectDelay(RedisReplicationProperties.DEFAULT_RECONNECT_DELAY)
			.delay();

		assertThat(delay.createDelay(1)).isLessThanOrEqualTo(Duration.ofMillis(100));
		assertThat(delay.createDelay(30)).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void customizeWhenDefaultTimeoutThenUnacknowledgedDataAndSilenceBothCloseTheConnectionWithinIt() {
		ClientOptions.Builder options = ClientOptions.builder();
		new DeadConnectionDetection(RedisReplicationProperties.DEFAULT_DEAD_CONNECTION_TIMEOUT, Duration.ofSeconds(2))
			.customize(options);
		SocketOptions socket = options.build().getSocketOptions();

		assertThat(socket.isEnableTcpUserTimeout()).isTrue();
		assertThat(socket.getTcpUserTimeout().getTcpUserTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(socket.isKeepAlive()).isTrue();
		SocketOptions.KeepAliveOptions keepAlive = socket.getKeepAlive();
		assertThat(keepAlive.getIdle().plus(keepAlive.getInterval().multipliedBy(keepAlive.getCount())))
			.as("idle, then every probe unanswered").isLessThanOrEqualTo(Duration.ofSeconds(3));
		assertThat(socket.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void customizeWhenNoConnectTimeoutSetThenLettucesDefaultStays() {
		ClientOptions.Builder options = ClientOptions.builder();
		new DeadConnectionDetection(Duration.ofSeconds(2), null).customize(options);

		assertThat(options.build().getSocketOptions().getConnectTimeout())
			.isEqualTo(SocketOptions.DEFAULT_CONNECT_TIMEOUT_DURATION);
	}

	@Test
	void propertiesWhenDeadConnectionTimeoutBelowTwoSecondsThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RedisReplicationProperties(1, Duration.ofSeconds(1), Duration.ofSeconds(1),
					RedisReplicationProperties.DEFAULT_RECONNECT_DELAY))
			.withMessageContaining("idp.redis.dead-connection-timeout");
	}

}
