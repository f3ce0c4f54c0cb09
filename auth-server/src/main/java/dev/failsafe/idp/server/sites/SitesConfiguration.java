package dev.failsafe.idp.server.sites;

import java.time.Clock;

import dev.failsafe.idp.replication.sites.RedisReplicationStatus;
import dev.failsafe.idp.server.stores.SilentMemberEviction;
import io.micrometer.core.instrument.MeterRegistry;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Per-site health: the {@code stateStore} and {@code directory} indicators, part of the readiness
 * group ({@code management.endpoint.health.group.readiness.include} in {@code application.yml}), and
 * the background directory check the latter answers from.
 */
@Configuration(proxyBeanMethods = false)
class SitesConfiguration {

	@Bean
	StateStoreHealthIndicator stateStoreHealthIndicator(ObjectProvider<RedisReplicationStatus> redis) {
		return new StateStoreHealthIndicator(redis);
	}

	@Bean
	DirectoryWatch directoryWatch(DataSource directory, DirectoryCheckProperties settings, MeterRegistry meters) {
		return new DirectoryWatch(new DirectoryRead(directory, settings.timeout()), new SilentMemberEviction(directory),
				settings, Clock.systemUTC(), meters);
	}

	@Bean
	DirectoryHealthIndicator directoryHealthIndicator(DirectoryWatch watch, DirectoryCheckProperties settings) {
		return new DirectoryHealthIndicator(watch, settings.maxAge(), Clock.systemUTC());
	}

}
