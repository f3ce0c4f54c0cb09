package dev.failsafe.idp.replication.testing;

import java.time.Duration;

import dev.failsafe.idp.testing.redis.RedisServer;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;

/**
 * Connection factories for tests, configured as the Redis stores need them in production: pooled,
 * a dedicated connection per operation. The caller destroys them.
 */
public final class RedisTestConnections {

	private RedisTestConnections() {
	}

	/** A started factory for {@code server}. */
	public static LettuceConnectionFactory dedicated(RedisServer server) {
		return dedicated(server, Duration.ofSeconds(10));
	}

	/** A started factory for {@code server} whose commands give up after {@code commandTimeout}. */
	public static LettuceConnectionFactory dedicated(RedisServer server, Duration commandTimeout) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(server.host(), server.port()),
				LettucePoolingClientConfiguration.builder().commandTimeout(commandTimeout).build());
		factory.setShareNativeConnection(false);
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
