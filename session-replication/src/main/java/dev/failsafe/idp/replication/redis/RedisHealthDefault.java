package dev.failsafe.idp.replication.redis;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Spring Boot creates a Redis connection factory (and its health indicator) whenever Spring Data
 * Redis is on the class path. Without {@code spring.data.redis.*} nothing uses Redis, so the health
 * indicator is turned off by default ({@code management.health.redis.enabled=false}, lowest
 * precedence): the embedded default must not report DOWN for a Redis it never talks to.
 */
public final class RedisHealthDefault implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean configured = environment.containsProperty("spring.data.redis.host")
				|| environment.containsProperty("spring.data.redis.port")
				|| environment.containsProperty("spring.data.redis.url")
				|| environment.containsProperty("spring.data.redis.sentinel.master");
		if (!configured) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("idp-redis-unused", Map.of("management.health.redis.enabled", "false")));
		}
	}

}
