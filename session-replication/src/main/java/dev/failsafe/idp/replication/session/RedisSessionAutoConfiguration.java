package dev.failsafe.idp.replication.session;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.StringRedisSerializer;
import org.springframework.session.SessionRepository;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.session.data.redis.config.ConfigureNotifyKeyspaceEventsAction;

import dev.failsafe.idp.replication.authorization.RedisStoresAutoConfiguration;
import dev.failsafe.idp.replication.redis.RedisAutoConfiguration;
import dev.failsafe.idp.replication.redis.RedisConfiguredCondition;
import dev.failsafe.idp.replication.redis.ReplicaAcknowledgement;

/**
 * Stores a servlet application's {@code HttpSession} in Redis through Spring Session's
 * {@link RedisIndexedSessionRepository} (sessions findable by principal name), wrapped in
 * {@link ReplicaAcknowledgedSessionRepository}, when {@code spring.data.redis.*} is set. Runs before
 * the Hazelcast session store, which then backs off, and registers the same session filter.
 *
 * <p>Keys live under {@value #NAMESPACE}: {@code idp:session:sessions:<id>} (hash of the session's
 * attributes), {@code idp:session:sessions:expires:<id>}, {@code idp:session:expirations:<minute>} and
 * {@code idp:session:index:...PRINCIPAL_NAME_INDEX_NAME:<name>} (Spring Session's layout). Session
 * deletion and expiry events come through keyspace notifications: this configuration sets
 * {@code notify-keyspace-events Egx} on the primary at start; set it in every node's configuration
 * too, so a promoted replica sends them.
 *
 * <p>Session attribute values are written by the {@link RedisSerializer} bean named
 * {@value #VALUE_SERIALIZER} when the application declares one (Spring Session's own name for it),
 * else by Java serialization.
 */
@AutoConfiguration(before = HazelcastSessionAutoConfiguration.class,
		after = { RedisAutoConfiguration.class, RedisStoresAutoConfiguration.class },
		beforeName = "org.springframework.boot.session.autoconfigure.SessionAutoConfiguration")
@ConditionalOnClass(RedisIndexedSessionRepository.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Conditional(RedisConfiguredCondition.class)
@EnableConfigurationProperties(SessionStoreProperties.class)
@Import(SessionRepositoryFilterConfiguration.class)
public final class RedisSessionAutoConfiguration {

	/** Spring Session's key namespace. */
	public static final String NAMESPACE = "idp:session";

	/** The name of the bean that writes session attribute values, as Spring Session names it. */
	public static final String VALUE_SERIALIZER = "springSessionDefaultRedisSerializer";

	private static final Logger log = LoggerFactory.getLogger(RedisSessionAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(SessionRepository.class)
	ReplicaAcknowledgedSessionRepository sessionRepository(RedisConnectionFactory connections,
			ReplicaAcknowledgement acknowledgement, ApplicationEventPublisher eventPublisher,
			SessionStoreProperties properties, Environment environment,
			@Qualifier(VALUE_SERIALIZER) ObjectProvider<RedisSerializer<Object>> valueSerializer) {
		RedisTemplate<String, Object> template = new RedisTemplate<>();
		template.setKeySerializer(new StringRedisSerializer());
		template.setHashKeySerializer(new StringRedisSerializer());
		RedisSerializer<Object> values = valueSerializer.getIfAvailable();
		if (values != null) {
			template.setDefaultSerializer(values);
			template.setHashValueSerializer(values);
		}
		template.setConnectionFactory(connections);
		template.afterPropertiesSet();
		RedisIndexedSessionRepository repository = new RedisIndexedSessionRepository(template);
		if (values != null) {
			repository.setDefaultSerializer(values);
		}
		repository.setRedisKeyNamespace(NAMESPACE);
		repository.setDefaultMaxInactiveInterval(HazelcastSessionAutoConfiguration.timeout(properties, environment));
		repository.setApplicationEventPublisher(eventPublisher);
		return new ReplicaAcknowledgedSessionRepository(repository, connections, acknowledgement);
	}

	/** Session deleted and expired events, so the principal index forgets them. */
	@Bean
	@ConditionalOnMissingBean(name = "sessionEventsListenerContainer")
	RedisMessageListenerContainer sessionEventsListenerContainer(RedisConnectionFactory connections,
			ReplicaAcknowledgedSessionRepository sessions) {
		enableKeyspaceEvents(connections);
		RedisIndexedSessionRepository repository = sessions.delegate();
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connections);
		container.addMessageListener(repository, List.of(new ChannelTopic(repository.getSessionDeletedChannel()),
				new ChannelTopic(repository.getSessionExpiredChannel())));
		container.addMessageListener(repository, new PatternTopic(repository.getSessionCreatedChannelPrefix() + "*"));
		return container;
	}

	private static void enableKeyspaceEvents(RedisConnectionFactory connections) {
		try (RedisConnection connection = connections.getConnection()) {
			new ConfigureNotifyKeyspaceEventsAction().configure(connection);
		}
		catch (RuntimeException ex) {
			log.warn("Could not enable keyspace notifications on Redis (set notify-keyspace-events Egx there): {}",
					ex.getMessage());
		}
	}

}
