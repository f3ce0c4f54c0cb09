package dev.failsafe.idp.replication.session;

import java.time.Duration;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.spring.session.HazelcastIndexedSessionRepository;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

import dev.failsafe.idp.replication.hazelcast.HazelcastMemberAutoConfiguration;
import dev.failsafe.idp.replication.redis.RedisNotConfiguredCondition;

/**
 * Stores a servlet application's {@code HttpSession} in the Hazelcast map {@value #SESSIONS_MAP}
 * through Spring Session's {@link HazelcastIndexedSessionRepository} (sessions findable by
 * principal name; the repository adds that index to the map itself).
 *
 * <p>Only where Redis is not configured (then sessions never touch Hazelcast). Registers Spring
 * Session's {@code SessionRepositoryFilter} ({@link SessionRepositoryFilterConfiguration}) for request, async and error
 * dispatches. The session cookie stays the application's: declare a
 * {@code org.springframework.session.web.http.CookieSerializer} bean, or Spring Session takes the
 * servlet container's session cookie settings ({@code server.servlet.session.cookie.*}).
 * Runs before Spring Boot's own session auto-configuration, which then backs off.
 */
@AutoConfiguration(after = HazelcastMemberAutoConfiguration.class,
		beforeName = "org.springframework.boot.session.autoconfigure.SessionAutoConfiguration")
@ConditionalOnClass({ HazelcastIndexedSessionRepository.class, SessionRepositoryFilter.class,
		HazelcastInstance.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(HazelcastInstance.class)
@Conditional(RedisNotConfiguredCondition.class)
@Import(SessionRepositoryFilterConfiguration.class)
@EnableConfigurationProperties(SessionStoreProperties.class)
public final class HazelcastSessionAutoConfiguration {

	/** The map holding the sessions. */
	public static final String SESSIONS_MAP = "idp.sessions";

	@Bean
	@ConditionalOnMissingBean(SessionRepository.class)
	HazelcastIndexedSessionRepository sessionRepository(HazelcastInstance hazelcastInstance,
			ApplicationEventPublisher eventPublisher, SessionStoreProperties properties, Environment environment) {
		HazelcastIndexedSessionRepository repository = new HazelcastIndexedSessionRepository(hazelcastInstance);
		repository.setSessionMapName(SESSIONS_MAP);
		repository.setDefaultMaxInactiveInterval(timeout(properties, environment));
		repository.setApplicationEventPublisher(eventPublisher);
		return repository;
	}

	static Duration timeout(SessionStoreProperties properties, Environment environment) {
		if (properties.timeout() != null) {
			return properties.timeout();
		}
		return Binder.get(environment)
			.bind("spring.session.timeout", Duration.class)
			.orElse(SessionStoreProperties.DEFAULT_TIMEOUT);
	}

}
