package dev.failsafe.idp.replication.sites;

import com.hazelcast.core.HazelcastInstance;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import dev.failsafe.idp.replication.hazelcast.HazelcastMemberAutoConfiguration;
import dev.failsafe.idp.replication.redis.RedisAutoConfiguration;
import dev.failsafe.idp.replication.redis.RedisCalls;
import dev.failsafe.idp.replication.redis.RedisReplicationProperties;

/**
 * The topology as operators and readiness see it: the Hazelcast members by site with the key ring's
 * placement, and, when Redis is configured, what the Redis primary says of its replication and, with
 * Sentinel, whether a promotion would keep every acknowledged write.
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

	/** With Sentinel: whether a promotion keeps every acknowledged write, for {@code /admin/sites}. */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(RedisCalls.class)
	@ConditionalOnProperty("spring.data.redis.sentinel.master")
	FailoverSafetyCheck failoverSafetyCheck(RedisConnectionFactory connections, RedisCalls redis,
			RedisReplicationProperties properties, Environment environment) {
		return new FailoverSafetyCheck(connections, environment.getRequiredProperty("spring.data.redis.sentinel.master"),
				redis, properties);
	}

}
