package dev.failsafe.idp.replication.redis;

import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.context.annotation.Conditional;

/**
 * Redis is not configured ({@link RedisConfiguredCondition} does not match): only then may sessions
 * and authorizations live in Hazelcast. Where Redis is configured they never touch it, not even as an
 * empty map on the member.
 */
public final class RedisNotConfiguredCondition extends NoneNestedConditions {

	public RedisNotConfiguredCondition() {
		super(ConfigurationPhase.PARSE_CONFIGURATION);
	}

	@Conditional(RedisConfiguredCondition.class)
	static final class RedisConfigured {

	}

}
