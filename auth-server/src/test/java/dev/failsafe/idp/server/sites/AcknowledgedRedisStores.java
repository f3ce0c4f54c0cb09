package dev.failsafe.idp.server.sites;

import org.springframework.context.ApplicationContext;
import org.springframework.session.SessionRepository;

import dev.failsafe.idp.replication.authorization.AuthorizationStore;
import dev.failsafe.idp.replication.authorization.RedisAuthorizationStore;
import dev.failsafe.idp.replication.session.ReplicaAcknowledgedSessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/** What a provider configured with Redis must run on: the Redis stores whose writes a replica acknowledges. */
final class AcknowledgedRedisStores {

	private AcknowledgedRedisStores() {
	}

	static void assertInUse(ApplicationContext provider) {
		assertThat(provider.getBean(AuthorizationStore.class)).isInstanceOf(RedisAuthorizationStore.class);
		assertThat(provider.getBean(SessionRepository.class)).isInstanceOf(ReplicaAcknowledgedSessionRepository.class);
	}

}
