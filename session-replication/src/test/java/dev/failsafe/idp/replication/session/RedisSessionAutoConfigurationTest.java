package dev.failsafe.idp.replication.session;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.SessionRepository;
import org.springframework.session.data.redis.RedisIndexedSessionRepository.RedisSession;
import org.springframework.session.web.http.SessionRepositoryFilter;

import dev.failsafe.idp.replication.StoreUnavailableException;
import dev.failsafe.idp.replication.authorization.AuthorizationStore;
import dev.failsafe.idp.replication.authorization.ConsentStore;
import dev.failsafe.idp.replication.authorization.HazelcastAuthorizationStore;
import dev.failsafe.idp.replication.authorization.HazelcastStoresAutoConfiguration;
import dev.failsafe.idp.replication.authorization.RedisAuthorizationStore;
import dev.failsafe.idp.replication.authorization.RedisConsentStore;
import dev.failsafe.idp.replication.authorization.RedisStoresAutoConfiguration;
import dev.failsafe.idp.replication.hazelcast.HazelcastMemberAutoConfiguration;
import dev.failsafe.idp.replication.redis.RedisReplicationProperties;
import dev.failsafe.idp.replication.redis.ReplicaAcknowledgement;
import dev.failsafe.idp.testing.redis.RedisPair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RedisSessionAutoConfigurationTest {

	private static RedisPair redis;

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(
				org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration.class,
				HazelcastMemberAutoConfiguration.class, dev.failsafe.idp.replication.redis.RedisAutoConfiguration.class,
				RedisStoresAutoConfiguration.class,
				HazelcastStoresAutoConfiguration.class, RedisSessionAutoConfiguration.class,
				HazelcastSessionAutoConfiguration.class))
		.withPropertyValues("idp.hazelcast.cluster-name=test-" + UUID.randomUUID());

	@BeforeAll
	static void startServers() {
		redis = RedisPair.start();
	}

	@AfterAll
	static void stopServers() {
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void storesWhenRedisConfiguredThenRedisForSessionsAndAuthorizationsWithDedicatedConnections() {
		redis().run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(SessionRepositoryFilter.class);
			assertThat(context.getBean(AuthorizationStore.class)).isInstanceOf(RedisAuthorizationStore.class);
			assertThat(context.getBean(ConsentStore.class)).isInstanceOf(RedisConsentStore.class);
			assertThat(context.getBean(SessionRepository.class))
				.isInstanceOf(ReplicaAcknowledgedSessionRepository.class);
			assertThat(context.getBean(LettuceConnectionFactory.class).getShareNativeConnection()).isFalse();
			ReplicaAcknowledgement acknowledgement = context.getBean(ReplicaAcknowledgement.class);
			assertThat(acknowledgement.replicas()).isEqualTo(RedisReplicationProperties.DEFAULT_REPLICAS_TO_ACK);
			assertThat(acknowledgement.timeout()).isEqualTo(RedisReplicationProperties.DEFAULT_ACK_TIMEOUT);
		});
	}

	/** Lettuce closes a connection its node stopped answering, and reconnects at most 500 ms apart. */
	@Test
	void connectionsWhenRedisConfiguredThenDeadOnesClosedAndReconnectedSoon() {
		redis().run((context) -> {
			assertThat(context).hasNotFailed();
			var client = context.getBean(LettuceConnectionFactory.class).getClientConfiguration();
			io.lettuce.core.SocketOptions socket = client.getClientOptions().orElseThrow().getSocketOptions();
			assertThat(socket.isEnableTcpUserTimeout()).isTrue();
			assertThat(socket.getTcpUserTimeout().getTcpUserTimeout())
				.isEqualTo(RedisReplicationProperties.DEFAULT_DEAD_CONNECTION_TIMEOUT);
			assertThat(socket.isKeepAlive()).isTrue();
			assertThat(client.getClientResources().orElseThrow().reconnectDelay().createDelay(30))
				.isEqualTo(RedisReplicationProperties.DEFAULT_RECONNECT_DELAY);
		});
	}

	@Test
	void storesWhenRedisConfiguredThenNoSessionOrAuthorizationEverTouchesHazelcast() {
		redis().run((context) -> {
			assertThat(context).hasNotFailed();
			@SuppressWarnings("unchecked")
			SessionRepository<org.springframework.session.Session> sessions = context.getBean(SessionRepository.class);
			org.springframework.session.Session session = sessions.createSession();
			session.setAttribute("user", "alice");
			sessions.save(session);
			context.getBean(AuthorizationStore.class)
				.insert(new dev.failsafe.idp.replication.authorization.AuthorizationRecord("no-hazelcast", 1, "alice",
						java.util.Set.of("hash-no-hazelcast"), java.util.Set.of(),
						java.time.Instant.now().plusSeconds(60), "{}"));
			com.hazelcast.core.HazelcastInstance hazelcast = context.getBean(com.hazelcast.core.HazelcastInstance.class);
			assertThat(hazelcast.getDistributedObjects()).extracting(com.hazelcast.core.DistributedObject::getName)
				.doesNotContain(HazelcastSessionAutoConfiguration.SESSIONS_MAP,
						dev.failsafe.idp.replication.authorization.HazelcastAuthorizationStore.RECORDS_MAP,
						dev.failsafe.idp.replication.authorization.HazelcastAuthorizationStore.INDEX_MAP,
						dev.failsafe.idp.replication.authorization.HazelcastConsentStore.CONSENTS_MAP);
			assertThat(context).doesNotHaveBean(
					dev.failsafe.idp.replication.authorization.HazelcastAuthorizationStore.class);
		});
	}

	@Test
	void sessionRepositoryWhenStartedThenExpiredSessionCleanupScheduledAndStoppedWithTheContext() {
		redis().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(cleanupThreads()).as("Spring Session's cleanup scheduler").isNotEmpty();
		});
		assertThat(cleanupThreads()).as("stopped with the context").isEmpty();
	}

	private static java.util.List<String> cleanupThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter(name -> name.startsWith("spring-session-"))
			.toList();
	}

	@Test
	void storesWhenRedisNotConfiguredThenHazelcast() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(AuthorizationStore.class)).isInstanceOf(HazelcastAuthorizationStore.class);
			assertThat(context).doesNotHaveBean(ReplicaAcknowledgedSessionRepository.class);
		});
	}

	@Test
	void replicasToAckWhenNegativeThenStartFails() {
		redis().withPropertyValues("idp.redis.replicas-to-ack=-1")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void saveWhenSignedInAndReplicaFrozenThenUnavailableAndWhenThawedThenConfirmed() {
		redis().withPropertyValues("idp.redis.ack-timeout=300ms").run((context) -> {
			@SuppressWarnings("unchecked")
			FindByIndexNameSessionRepository<RedisSession> sessions = context
				.getBean(FindByIndexNameSessionRepository.class);
			RedisSession anonymous = sessions.createSession();
			anonymous.setAttribute("csrf", "token");
			RedisSession signedIn = sessions.createSession();
			signedIn.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, "alice");

			redis.replica().freeze();
			try {
				sessions.save(anonymous);
				// A WAIT on any other connection would count the frozen replica's earlier acknowledgements.
				assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> sessions.save(signedIn))
					.withMessageContaining("0 of 1 replicas acknowledged");
			}
			finally {
				redis.replica().thaw();
			}
			redis.primary().awaitInSync(1, Duration.ofSeconds(20));
			RedisSession again = sessions.createSession();
			again.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, "bob");
			sessions.save(again);
			assertThat(sessions.findByPrincipalName("bob")).containsKey(again.getId());
			assertThat(redis.primary().call("EXISTS", RedisSessionAutoConfiguration.NAMESPACE + ":sessions:" + again.getId()))
				.isEqualTo(1L);
			assertThat(redis.replica().call("EXISTS", RedisSessionAutoConfiguration.NAMESPACE + ":sessions:" + again.getId()))
				.isEqualTo(1L);
			sessions.deleteById(again.getId());
			assertThat(sessions.findById(again.getId())).isNull();
		});
	}

	private WebApplicationContextRunner redis() {
		return this.runner.withPropertyValues("spring.data.redis.host=" + redis.primary().host(),
				"spring.data.redis.port=" + redis.primary().port());
	}

}
