package dev.failsafe.idp.replication.redis;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Makes Spring Boot's {@link LettuceConnectionFactory} hand out a dedicated (pooled) connection per
 * operation instead of one connection shared by every thread: a write and the {@code WAIT} that
 * confirms it must share a connection, and a {@code WAIT} must not block other callers. Size the pool
 * with {@code spring.data.redis.lettuce.pool.*}.
 */
public final class DedicatedRedisConnections implements BeanPostProcessor {

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof LettuceConnectionFactory lettuce) {
			lettuce.setShareNativeConnection(false);
		}
		return bean;
	}

}
