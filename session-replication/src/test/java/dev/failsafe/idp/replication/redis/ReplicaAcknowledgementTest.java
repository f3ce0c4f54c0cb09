package dev.failsafe.idp.replication.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.failsafe.idp.replication.StoreUnavailableException;
import dev.failsafe.idp.replication.authorization.AuthorizationRecord;
import dev.failsafe.idp.replication.authorization.ConsentRecord;
import dev.failsafe.idp.replication.authorization.RedisAuthorizationStore;
import dev.failsafe.idp.replication.authorization.RedisConsentStore;
import dev.failsafe.idp.testing.redis.RedisServer;
import dev.failsafe.idp.replication.testing.RedisTestConnections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * WAIT runs on the connection that made the write: with the replica gone a write is not confirmed,
 * with it back (and in sync) the same store confirms again. The primary refuses writes outright
 * once the replica has been gone longer than {@code min-replicas-max-lag}.
 */
class ReplicaAcknowledgementTest {

	/** The WAIT timeout of writes that must be confirmed. */
	private static final Duration PATIENT = Duration.ofSeconds(5);

	@Test
	void writeWhenReplicaKilledThenUnavailableAndWhenBackThenConfirmed() {
		try (RedisServer primary = RedisServer.start();
				RedisServer replica = RedisServer.startReplicaOf(primary)) {
			primary.awaitInSync(1, Duration.ofSeconds(20));
			LettuceConnectionFactory connections = RedisTestConnections.dedicated(primary);
			try {
				ReplicaAcknowledgement oneReplica = new ReplicaAcknowledgement(1, Duration.ofMillis(300));
				RedisAuthorizationStore authorizations = new RedisAuthorizationStore(new RedisCalls(connections),
						oneReplica);
				RedisConsentStore consents = new RedisConsentStore(new RedisCalls(connections), oneReplica);
				// Confirmations get time to spare on a loaded machine; refusals wait the short timeout out.
				RedisAuthorizationStore patient = new RedisAuthorizationStore(new RedisCalls(connections),
						new ReplicaAcknowledgement(1, PATIENT));
				assertThat(patient.insert(record())).isTrue();

				replica.kill();
				assertThatExceptionOfType(StoreUnavailableException.class)
					.isThrownBy(() -> authorizations.insert(record()))
					.withMessageContaining("0 of 1 replicas acknowledged");
				assertThatExceptionOfType(StoreUnavailableException.class)
					.isThrownBy(() -> consents.save(new ConsentRecord("c", "alice", Set.of("SCOPE_openid"))));

				replica.restart();
				primary.awaitInSync(1, Duration.ofSeconds(20));
				AuthorizationRecord confirmed = record();
				assertThat(patient.insert(confirmed)).isTrue();
				assertThat(replica.call("HGET", "idp:authz:id:" + confirmed.id(), "version")).isEqualTo("1");
			}
			finally {
				connections.destroy();
			}
		}
	}

	@Test
	void writeWhenReplicaFrozenWithinMaxLagThenPrimaryTakesItButWaitRefuses() {
		try (RedisServer primary = RedisServer.start("--min-replicas-to-write", "1", "--min-replicas-max-lag", "30");
				RedisServer replica = RedisServer.startReplicaOf(primary)) {
			primary.awaitInSync(1, Duration.ofSeconds(20));
			LettuceConnectionFactory connections = RedisTestConnections.dedicated(primary);
			try {
				RedisAuthorizationStore authorizations = new RedisAuthorizationStore(new RedisCalls(connections),
						new ReplicaAcknowledgement(1, Duration.ofMillis(300)));
				replica.freeze();
				AuthorizationRecord unconfirmed = record();
				assertThatExceptionOfType(StoreUnavailableException.class)
					.isThrownBy(() -> authorizations.insert(unconfirmed))
					.withMessageContaining("0 of 1 replicas acknowledged");
				// The primary has it; nobody was told it succeeded.
				assertThat(primary.call("EXISTS", "idp:authz:id:" + unconfirmed.id())).isEqualTo(1L);
				replica.thaw();
				primary.awaitInSync(1, Duration.ofSeconds(20));
				assertThat(new RedisAuthorizationStore(new RedisCalls(connections), new ReplicaAcknowledgement(1, PATIENT))
					.insert(record())).isTrue();
			}
			finally {
				replica.thaw();
				connections.destroy();
			}
		}
	}

	@Test
	void writeWhenPrimaryRefusesForLackOfReplicasThenUnavailable() {
		try (RedisServer primary = RedisServer.start("--min-replicas-to-write", "1")) {
			LettuceConnectionFactory connections = RedisTestConnections.dedicated(primary);
			try {
				RedisAuthorizationStore authorizations = new RedisAuthorizationStore(new RedisCalls(connections),
						new ReplicaAcknowledgement(0, Duration.ofMillis(300)));
				assertThatExceptionOfType(StoreUnavailableException.class)
					.isThrownBy(() -> authorizations.insert(record()))
					.havingRootCause()
					.withMessageContaining("NOREPLICAS");
			}
			finally {
				connections.destroy();
			}
		}
	}

	@Test
	void redisCallsWhenFactorySharesOneConnectionThenRefused() {
		LettuceConnectionFactory shared = new LettuceConnectionFactory(new RedisStandaloneConfiguration());
		assertThatIllegalArgumentException().isThrownBy(() -> new RedisCalls(shared))
			.withMessageContaining("shareNativeConnection");
	}

	private static AuthorizationRecord record() {
		return new AuthorizationRecord("authz-" + UUID.randomUUID(), 1, "alice", Set.of("hash-" + UUID.randomUUID()),
				Set.of(), Instant.now().plusSeconds(600), "payload");
	}

}
