package dev.failsafe.idp.server.clients;

import java.time.Duration;
import java.time.Instant;

import dev.failsafe.idp.testing.SettableClock;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

class CachingClientRepositoryTest {

	private final InMemoryRegisteredClientRepository directory = new InMemoryRegisteredClientRepository(
			client("first-secret"));

	private final SettableClock clock = new SettableClock(Instant.parse("2025-01-01T00:00:00Z"));

	private final CachingClientRepository cache = new CachingClientRepository(this.directory,
			new ClientCacheProperties(Duration.ofSeconds(5), 100), this.clock);

	@Test
	void findByClientIdWhenReadAgainWithinTheCacheTimeThenTheFirstReadIsServed() {
		this.cache.findByClientId("partner");
		this.directory.save(client("changed-elsewhere"));
		this.clock.advance(Duration.ofSeconds(4));

		assertThat(this.cache.findByClientId("partner").getClientSecret()).isEqualTo("first-secret");
		assertThat(this.cache.findById("partner-id").getClientSecret()).isEqualTo("changed-elsewhere");
	}

	@Test
	void findByClientIdWhenTheCacheTimeHasPassedThenTheDirectoryIsReadAgain() {
		this.cache.findByClientId("partner");
		this.directory.save(client("changed-elsewhere"));
		this.clock.advance(Duration.ofSeconds(5));

		assertThat(this.cache.findByClientId("partner").getClientSecret()).isEqualTo("changed-elsewhere");
	}

	@Test
	void saveWhenSavedThroughTheCacheThenTheNewVersionIsServedAtOnce() {
		this.cache.findByClientId("partner");
		this.cache.findById("partner-id");

		this.cache.save(client("rotated"));

		assertThat(this.cache.findByClientId("partner").getClientSecret()).isEqualTo("rotated");
		assertThat(this.cache.findById("partner-id").getClientSecret()).isEqualTo("rotated");
	}

	@Test
	void evictWhenTheClientWasChangedBehindTheCacheThenItIsReadAgain() {
		this.cache.findByClientId("partner");
		this.cache.findById("partner-id");
		this.directory.save(client("changed-elsewhere"));

		this.cache.evict("partner");

		assertThat(this.cache.findByClientId("partner").getClientSecret()).isEqualTo("changed-elsewhere");
		assertThat(this.cache.findById("partner-id").getClientSecret()).isEqualTo("changed-elsewhere");
	}

	@Test
	void findByClientIdWhenUnknownThenTheAbsenceIsNotCached() {
		assertThat(this.cache.findByClientId("newcomer")).isNull();

		this.directory.save(RegisteredClient.from(client("s")).id("newcomer-id").clientId("newcomer").build());

		assertThat(this.cache.findByClientId("newcomer")).isNotNull();
	}

	@Test
	void findByClientIdWhenTheCacheTimeIsZeroThenEveryReadGoesToTheDirectory() {
		CachingClientRepository uncached = new CachingClientRepository(this.directory,
				new ClientCacheProperties(Duration.ZERO, 100), this.clock);
		uncached.findByClientId("partner");
		this.directory.save(client("changed-elsewhere"));

		assertThat(uncached.findByClientId("partner").getClientSecret()).isEqualTo("changed-elsewhere");
	}

	private static RegisteredClient client(String secret) {
		return RegisteredClient.withId("partner-id")
			.clientId("partner")
			.clientSecret(secret)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("orders.read")
			.build();
	}

}
