package dev.failsafe.idp.replication.authorization;

import com.hazelcast.core.HazelcastInstance;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.failsafe.idp.replication.hazelcast.HazelcastMemberAutoConfiguration;

/**
 * The authorization and consent stores on Hazelcast, unless the application declares its own
 * (for example the Redis ones).
 */
@AutoConfiguration(after = HazelcastMemberAutoConfiguration.class)
@ConditionalOnClass(HazelcastInstance.class)
@ConditionalOnBean(HazelcastInstance.class)
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
