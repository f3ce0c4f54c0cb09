package dev.failsafe.idp.replication.authorization;

import com.hazelcast.config.CacheDeserializedValues;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

import dev.failsafe.idp.replication.backchannel.HazelcastLogoutDeliveryStore;
import dev.failsafe.idp.replication.backchannel.LogoutDeliveryStore;
import dev.failsafe.idp.replication.hazelcast.HazelcastMemberAutoConfiguration;
import dev.failsafe.idp.replication.hazelcast.HazelcastMemberCustomizer;
import dev.failsafe.idp.replication.redis.RedisNotConfiguredCondition;

/**
 * The authorization and consent stores and the pending back-channel logout deliveries on Hazelcast,
 * only where Redis is not configured (then they never touch Hazelcast) and unless the application
 * declares its own. The member stores the authorization records with
 * {@link AuthorizationRecordSerializer}, and keeps no deserialized copy of them beside its principal
 * index (an index otherwise makes Hazelcast cache one per entry): a lookup by principal, rare
 * (security events), deserializes what it finds.
 */
@AutoConfiguration(after = HazelcastMemberAutoConfiguration.class)
@ConditionalOnClass(HazelcastInstance.class)
@ConditionalOnBean(HazelcastInstance.class)
@Conditional(RedisNotConfiguredCondition.class)
public final class HazelcastStoresAutoConfiguration {

	@Bean
	HazelcastMemberCustomizer authorizationRecords() {
		return config -> {
			config.getSerializationConfig()
				.getCompactSerializationConfig()
				.addSerializer(new AuthorizationRecordSerializer());
			// Its own entry, otherwise like the map's wildcard entry (getMapConfig would hand back
			// the wildcard entry itself, and the change would reach every map it covers).
			config.addMapConfig(new MapConfig(config.findMapConfig(HazelcastAuthorizationStore.RECORDS_MAP))
				.setName(HazelcastAuthorizationStore.RECORDS_MAP)
				.setCacheDeserializedValues(CacheDeserializedValues.NEVER));
		};
	}

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

	@Bean
	@ConditionalOnMissingBean(LogoutDeliveryStore.class)
	HazelcastLogoutDeliveryStore logoutDeliveryStore(HazelcastInstance hazelcastInstance) {
		return new HazelcastLogoutDeliveryStore(hazelcastInstance);
	}

}
