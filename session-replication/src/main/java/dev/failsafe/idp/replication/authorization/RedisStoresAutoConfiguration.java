package dev.failsafe.idp.replication.authorization;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import dev.failsafe.idp.replication.backchannel.LogoutDeliveryStore;
import dev.failsafe.idp.replication.backchannel.RedisLogoutDeliveryStore;
import dev.failsafe.idp.replication.redis.RedisAutoConfiguration;
import dev.failsafe.idp.replication.redis.RedisCalls;
import dev.failsafe.idp.replication.redis.RedisConfiguredCondition;
import dev.failsafe.idp.replication.redis.ReplicaAcknowledgement;
import dev.failsafe.idp.replication.throttling.LoginAttemptStore;
import dev.failsafe.idp.replication.throttling.RedisLoginAttemptStore;

/**
 * The authorization and consent stores, the pending back-channel logout deliveries, and the login
 * attempt counters, on Redis when Spring Boot's
 * {@code spring.data.redis.*} (standalone or Sentinel) is set. Runs before the Hazelcast stores,
 * which then back off; the key ring stays on Hazelcast. Every write of the authorization and consent
 * stores, and every scheduled logout delivery, waits for {@code idp.redis.replicas-to-ack} replicas.
 */
@AutoConfiguration(before = HazelcastStoresAutoConfiguration.class, after = RedisAutoConfiguration.class)
@ConditionalOnClass(RedisConnectionFactory.class)
@Conditional(RedisConfiguredCondition.class)
public final class RedisStoresAutoConfiguration {

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

	/** One login throttling budget for every node that shares this Redis. */
	@Bean
	@ConditionalOnMissingBean(LoginAttemptStore.class)
	RedisLoginAttemptStore loginAttemptStore(RedisCalls redis) {
		return new RedisLoginAttemptStore(redis);
	}

	/** Pending back-channel logout deliveries, in the Redis the sessions they come from live in. */
	@Bean
	@ConditionalOnMissingBean(LogoutDeliveryStore.class)
	RedisLogoutDeliveryStore logoutDeliveryStore(RedisCalls redis, ReplicaAcknowledgement acknowledgement) {
		return new RedisLogoutDeliveryStore(redis, acknowledgement);
	}

}
