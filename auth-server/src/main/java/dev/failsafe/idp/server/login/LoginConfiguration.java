package dev.failsafe.idp.server.login;

import java.time.Clock;

import dev.failsafe.idp.replication.throttling.BoundedLoginAttemptStore;
import dev.failsafe.idp.replication.throttling.LoginAttemptStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.FindByIndexNameSessionRepository;

/** Login throttling and the users' login sessions. */
@Configuration(proxyBeanMethods = false)
class LoginConfiguration {

	/**
	 * Over the shared store when one is configured (with Redis, {@code RedisLoginAttemptStore}), else
	 * over this node's memory, bounded by {@code idp.login.max-tracked-keys}.
	 */
	@Bean
	LoginThrottle loginThrottle(ObjectProvider<LoginAttemptStore> shared, LoginProperties properties, Clock clock) {
		LoginAttemptStore store = shared
			.getIfAvailable(() -> new BoundedLoginAttemptStore(properties.maxTrackedKeys()));
		return new LoginThrottle(store, properties, clock);
	}

	@Bean
	LoginSessions loginSessions(FindByIndexNameSessionRepository<?> sessions) {
		return new LoginSessions(sessions);
	}

}
