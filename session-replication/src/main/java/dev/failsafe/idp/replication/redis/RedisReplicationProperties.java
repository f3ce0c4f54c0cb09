package dev.failsafe.idp.replication.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Redis writes are confirmed ({@code idp.redis.*}); where Redis is comes from Spring Boot's
 * {@code spring.data.redis.*}.
 *
 * @param replicasToAck replicas that must acknowledge every write ({@code WAIT}); 0 only for a lone
 * development Redis
 * @param ackTimeout how long a write waits for those acknowledgements before it fails
 * @param deadConnectionTimeout how long a connection may go unanswered before it is closed, so a node
 * behind a cut link stops holding requests (see {@link DeadConnectionDetection})
 * @param reconnectDelay the longest wait between two attempts to reconnect a lost connection (see
 * {@link ReconnectDelay})
 */
@ConfigurationProperties("idp.redis")
public record RedisReplicationProperties(@DefaultValue("1") int replicasToAck,
		@DefaultValue("1s") Duration ackTimeout, @DefaultValue("3s") Duration deadConnectionTimeout,
		@DefaultValue("500ms") Duration reconnectDelay) {

	/** The default number of replicas that acknowledge a write. */
	public static final int DEFAULT_REPLICAS_TO_ACK = 1;

	/** The default acknowledgement timeout. */
	public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(1);

	/** The default time after which a connection that goes unanswered is closed. */
	public static final Duration DEFAULT_DEAD_CONNECTION_TIMEOUT = Duration.ofSeconds(3);

	/** The default longest wait between two reconnection attempts. */
	public static final Duration DEFAULT_RECONNECT_DELAY = Duration.ofMillis(500);

	public RedisReplicationProperties {
		if (replicasToAck < 0) {
			throw new IllegalArgumentException("idp.redis.replicas-to-ack must be 0 or more");
		}
		if (ackTimeout == null || ackTimeout.isZero() || ackTimeout.isNegative()) {
			throw new IllegalArgumentException("idp.redis.ack-timeout must be positive");
		}
		if (deadConnectionTimeout == null || deadConnectionTimeout.compareTo(Duration.ofSeconds(2)) < 0) {
			throw new IllegalArgumentException("idp.redis.dead-connection-timeout must be 2s or more");
		}
		if (reconnectDelay == null || reconnectDelay.compareTo(Duration.ofMillis(50)) < 0) {
			throw new IllegalArgumentException("idp.redis.reconnect-delay must be 50ms or more");
		}
	}

	public static RedisReplicationProperties defaults() {
		return new RedisReplicationProperties(DEFAULT_REPLICAS_TO_ACK, DEFAULT_ACK_TIMEOUT,
				DEFAULT_DEAD_CONNECTION_TIMEOUT, DEFAULT_RECONNECT_DELAY);
	}

}
