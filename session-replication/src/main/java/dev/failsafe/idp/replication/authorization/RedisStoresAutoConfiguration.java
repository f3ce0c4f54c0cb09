package dev.failsafe.idp.replication.authorization;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import dev.failsafe.idp.replication.sites.DedicatedRedisConnections;
import dev.failsafe.idp.replication.sites.FailoverSafetyCheck;
import dev.failsafe.idp.replication.sites.RedisCalls;
import dev.failsafe.idp.replication.sites.RedisConfiguredCondition;
import dev.failsafe.idp.replication.sites.RedisReplicationProperties;
import dev.failsafe.idp.replication.sites.RedisReplicationStatus;
import dev.failsafe.idp.replication.sites.ReplicaAcknowledgement;

/**
 * The authorization and consent stores on Redis when Spring Boot's {@code spring.data.redis.*}
 * (standalone or Sentinel) is set. Runs before the Hazelcast stores, which then back off; the key
 * ring stays on Hazelcast. Every write waits for {@code idp.redis.replicas-to-ack} replicas.
 */
@AutoConfiguration(before = HazelcastStoresAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass(RedisConnectionFactory.class)
@Conditional(RedisConfiguredCondition.class)
@EnableConfigurationProperties(RedisReplicationProperties.class)
public final class RedisStoresAutoConfiguration {

	@Bean
	static DedicatedRedisConnections dedicatedRedisConnections() {
		return new DedicatedRedisConnections();
	}

	@Bean
	@ConditionalOnMissingBean
	ReplicaAcknowledgement replicaAcknowledgement(RedisReplicationProperties properties) {
		return ReplicaAcknowledgement.from(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	RedisCalls redisCalls(RedisConnectionFactory connections) {
		return new RedisCalls(connections);
	}

	@Bean
	@ConditionalOnMissingBean
	RedisReplicationStatus redisReplicationStatus(RedisCalls redis, RedisReplicationProperties properties) {
		return new RedisReplicationStatus(redis, properties);
	}

	/** With Sentinel: whether a promotion keeps every acknowledged write, for {@code /admin/sites}. */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty("spring.data.redis.sentinel.master")
	FailoverSafetyCheck failoverSafetyCheck(RedisConnectionFactory connections, RedisCalls redis,
			RedisReplicationProperties properties, Environment environment) {
		return new FailoverSafetyCheck(connections, environment.getRequiredProperty("spring.data.redis.sentinel.master"),
				redis, properties);
	}

	@Bean
	@ConditionalOnMissingBean(AuthorizationStore.class)
	RedisAuthorizationStore authorizationStore(RedisCalls redis, ReplicaAcknowledgement acknowledgement) {
		return new RedisAuthorizationStore(redis, acknowledgement);
	}

	@Bean
	@ConditionalOnMissingBean(ConsentStore.class)
	RedisConsentStore consentStore(RedisCalls redis, ReplicaAcknowledgement acknowledgement) {
		return new RedisConsentStore(redis, acknowledgement);
	}

}
