package dev.failsafe.idp.replication.authorization;

import com.hazelcast.core.HazelcastInstance;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

import dev.failsafe.idp.replication.hazelcast.HazelcastMemberAutoConfiguration;
import dev.failsafe.idp.replication.redis.RedisNotConfiguredCondition;

/**
 * The authorization and consent stores on Hazelcast, only where Redis is not configured (then they
 * never touch Hazelcast) and unless the application declares its own.
 */
@AutoConfiguration(after = HazelcastMemberAutoConfiguration.class)
@ConditionalOnClass(HazelcastInstance.class)
@ConditionalOnBean(HazelcastInstance.class)
@Conditional(RedisNotConfiguredCondition.class)
public final class HazelcastStoresAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(AuthorizationStore.class)
	HazelcastAuthorizationStore authorizationStore(HazelcastInstance hazelcastInstance) {
		return new HazelcastAuthorizationStore(hazelcastInstance);
	}

	@Bean
	@ConditionalOnMissingBean(ConsentStore.class)
	HazelcastConsentStore consentStore(HazelcastInstance hazelcastInstance) {
		return new HazelcastConsentStore(hazelcastInstance);
	}

}
