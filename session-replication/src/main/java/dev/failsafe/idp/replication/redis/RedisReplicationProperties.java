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
 */
@ConfigurationProperties("idp.redis")
public record RedisReplicationProperties(@DefaultValue("1") int replicasToAck,
		@DefaultValue("1s") Duration ackTimeout) {

	/** The default number of replicas that acknowledge a write. */
	public static final int DEFAULT_REPLICAS_TO_ACK = 1;

	/** The default acknowledgement timeout. */
	public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(1);

	public RedisReplicationProperties {
		if (replicasToAck < 0) {
			throw new IllegalArgumentException("idp.redis.replicas-to-ack must be 0 or more");
		}
		if (ackTimeout == null || ackTimeout.isZero() || ackTimeout.isNegative()) {
			throw new IllegalArgumentException("idp.redis.ack-timeout must be positive");
		}
	}

	public static RedisReplicationProperties defaults() {
		return new RedisReplicationProperties(DEFAULT_REPLICAS_TO_ACK, DEFAULT_ACK_TIMEOUT);
	}

}
