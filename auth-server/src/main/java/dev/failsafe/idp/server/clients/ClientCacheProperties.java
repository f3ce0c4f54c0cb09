package dev.failsafe.idp.server.clients;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long a node keeps a registered client it read from the directory. Every token request reads
 * its client; without the cache that is a database query and a JSON parse each time. A change made
 * through this node's admin API takes effect here at once; other nodes see it within the cache time.
 *
 * @param cacheTime how long a client read from the directory is reused; {@code 0s} reads it on every request
 * @param maxEntries the most clients kept at once (past it the cache starts over)
 */
@Validated
@ConfigurationProperties("idp.clients")
public record ClientCacheProperties(@NotNull @DefaultValue("5s") Duration cacheTime,
		@Min(1) @DefaultValue("10000") int maxEntries) {

	public ClientCacheProperties {
		if (cacheTime.isNegative()) {
			throw new IllegalArgumentException("idp.clients.cache-time must not be negative");
		}
	}

}
