package dev.failsafe.idp.server.sites;

import dev.failsafe.idp.replication.sites.RedisReplicationStatus;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Per-site health: the {@code stateStore} and {@code directory} indicators, part of the readiness
 * group ({@code management.endpoint.health.group.readiness.include} in {@code application.yml}).
 */
@Configuration(proxyBeanMethods = false)
class SitesConfiguration {

	@Bean
	StateStoreHealthIndicator stateStoreHealthIndicator(ObjectProvider<RedisReplicationStatus> redis) {
		return new StateStoreHealthIndicator(redis);
	}

	@Bean
	DirectoryHealthIndicator directoryHealthIndicator(DataSource directory) {
		return new DirectoryHealthIndicator(directory);
	}

}
