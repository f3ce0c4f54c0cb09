package dev.failsafe.idp.replication.sites;

import com.hazelcast.core.HazelcastInstance;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.failsafe.idp.replication.hazelcast.HazelcastMemberAutoConfiguration;
import dev.failsafe.idp.replication.redis.RedisAutoConfiguration;
import dev.failsafe.idp.replication.redis.RedisCalls;
import dev.failsafe.idp.replication.redis.RedisReplicationProperties;

/**
 * The topology as operators and readiness see it: the Hazelcast members by site with the key ring's
 * placement, and, when Redis is configured, what the Redis primary says of its replication.
 */
@AutoConfiguration(after = { HazelcastMemberAutoConfiguration.class, RedisAutoConfiguration.class })
public final class SitesAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(SiteTopology.class)
	@ConditionalOnBean(HazelcastInstance.class)
	SiteTopology siteTopology(HazelcastInstance hazelcastInstance) {
		return new HazelcastSiteTopology(hazelcastInstance);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(RedisCalls.class)
	RedisReplicationStatus redisReplicationStatus(RedisCalls redis, RedisReplicationProperties properties) {
		return new RedisReplicationStatus(redis, properties);
	}

}
