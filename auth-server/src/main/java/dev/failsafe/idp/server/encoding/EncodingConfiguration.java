package dev.failsafe.idp.server.encoding;

import dev.failsafe.idp.replication.session.RedisSessionAutoConfiguration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.serializer.RedisSerializer;

/** The session store's value encoding (used only when sessions live in Redis). */
@Configuration(proxyBeanMethods = false)
class EncodingConfiguration {

	@Bean(RedisSessionAutoConfiguration.VALUE_SERIALIZER)
	RedisSerializer<Object> compactSessionValues() {
		return new CompactSessionValues(EncodingConfiguration.class.getClassLoader());
	}

}
