package dev.failsafe.idp.replication.redis;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Redis is configured: one of Spring Boot's {@code spring.data.redis.host}, {@code .port},
 * {@code .url} or {@code .sentinel.master} is set. Then sessions and authorizations live in Redis;
 * otherwise the embedded Hazelcast keeps them.
 */
public final class RedisConfiguredCondition extends AnyNestedCondition {

	public RedisConfiguredCondition() {
		super(ConfigurationPhase.PARSE_CONFIGURATION);
	}

	@ConditionalOnProperty("spring.data.redis.host")
	static final class Host {

	}

	@ConditionalOnProperty("spring.data.redis.port")
	static final class Port {

	}

	@ConditionalOnProperty("spring.data.redis.url")
	static final class Url {

	}

	@ConditionalOnProperty("spring.data.redis.sentinel.master")
	static final class Sentinel {

	}

}
