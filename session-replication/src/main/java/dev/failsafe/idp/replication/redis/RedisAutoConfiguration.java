package dev.failsafe.idp.replication.redis;

import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The Redis plumbing the stores share when Spring Boot's {@code spring.data.redis.*} (standalone or
 * Sentinel) is set: a connection per operation, the {@code WAIT} every acknowledged write makes
 * ({@code idp.redis.*}), connections closed when their node stops answering
 * ({@link DeadConnectionDetection}) and reconnected soon ({@link ReconnectDelay}), and
 * {@link RedisCalls}. Where Redis is comes from Spring Boot.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass(RedisConnectionFactory.class)
@Conditional(RedisConfiguredCondition.class)
@EnableConfigurationProperties(RedisReplicationProperties.class)
public final class RedisAutoConfiguration {

	@Bean
	static DedicatedRedisConnections dedicatedRedisConnections() {
		return new DedicatedRedisConnections();
	}

	@Bean
	@ConditionalOnMissingBean
	ReplicaAcknowledgement replicaAcknowledgement(RedisReplicationProperties properties) {
		return ReplicaAcknowledgement.from(properties);
	}

	/** Lettuce closes connections to a node that stopped answering (a cut link), and reconnects. */
	@Bean
	@ConditionalOnMissingBean
	DeadConnectionDetection deadConnectionDetection(RedisReplicationProperties properties, Environment environment) {
		return new DeadConnectionDetection(properties.deadConnectionTimeout(),
				Binder.get(environment).bind("spring.data.redis.connect-timeout", Duration.class).orElse(null));
	}

	/** Lettuce reconnects a lost connection soon, so it finds a promoted primary within a second. */
	@Bean
	@ConditionalOnMissingBean
	ReconnectDelay reconnectDelay(RedisReplicationProperties properties) {
		return new ReconnectDelay(properties.reconnectDelay());
	}

	@Bean
	@ConditionalOnMissingBean
	RedisCalls redisCalls(RedisConnectionFactory connections) {
		return new RedisCalls(connections);
	}

}
