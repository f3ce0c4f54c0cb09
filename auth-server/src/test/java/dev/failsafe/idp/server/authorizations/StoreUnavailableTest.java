package dev.failsafe.idp.server.authorizations;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.hazelcast.core.HazelcastInstance;
import dev.failsafe.idp.replication.StoreUnavailableException;
import dev.failsafe.idp.replication.authorization.AuthorizationRecord;
import dev.failsafe.idp.replication.authorization.AuthorizationStore;
import dev.failsafe.idp.replication.authorization.HazelcastAuthorizationStore;
import dev.failsafe.idp.server.AuthServerApplication;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.server.testing.RunningProvider;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store write that cannot be confirmed is never reported as success: the token endpoint answers
 * 503 {@code temporarily_unavailable}, the authorization endpoint an error page with 503, and once
 * the store is back the same grant still works. The store is the real Hazelcast one behind a switch
 * that makes its writes fail the way an unconfirmed replica write does.
 */
@SpringBootTest(classes = { AuthServerApplication.class, StoreUnavailableTest.Stores.class },
		webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class StoreUnavailableTest {

	private static final RunningProvider PROVIDER = RunningProvider.create();

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		PROVIDER.register(registry);
	}

	@Autowired
	private SwitchableStore store;

	private final BackChannel backChannel = new BackChannel(PROVIDER);

	@AfterEach
	void storeBack() {
		this.store.writable = true;
	}

	@Test
	void exchangeWhenStoreCannotConfirmThen503AndCodeStillUsableAfterwards() {
		CodeFlow flow = new CodeFlow(new UserAgent(PROVIDER), this.backChannel);
		Pkce pkce = Pkce.create();
		String code = flow.authorize(Demo.SHOP, Demo.SHOP_REDIRECT_URI, "openid", pkce, "s", "n",
				Demo.USERNAME, Demo.PASSWORD).get("code");

		this.store.writable = false;
		BackChannel.Reply refused = flow.exchange(Demo.SHOP, Demo.SHOP_SECRET, code,
				Demo.SHOP_REDIRECT_URI, pkce.verifier());
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.json()).containsEntry("error", "temporarily_unavailable").doesNotContainKey("access_token");
		assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();

		this.store.writable = true;
		BackChannel.Reply retried = flow.exchange(Demo.SHOP, Demo.SHOP_SECRET, code,
				Demo.SHOP_REDIRECT_URI, pkce.verifier());
		assertThat(retried.status()).as(retried.raw().body()).isEqualTo(200);
	}

	@Test
	void clientCredentialsWhenStoreCannotConfirmThen503() {
		this.store.writable = false;
		BackChannel.Reply refused = this.backChannel.postBasic("/oauth2/token", Demo.PARTNER_API,
				Demo.PARTNER_API_SECRET, Map.of("grant_type", List.of("client_credentials")));
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.json()).containsEntry("error", "temporarily_unavailable");
	}

	@Test
	void authorizeWhenStoreCannotConfirmThenErrorPageNotCode() {
		UserAgent agent = new UserAgent(PROVIDER);
		agent.submitLogin(Demo.USERNAME, Demo.PASSWORD);
		this.store.writable = false;
		HttpResponse<String> response = agent.get(CodeFlow.authorizeUrl(Demo.SHOP,
				Demo.SHOP_REDIRECT_URI, "openid", Pkce.create(), "s", "n"));
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(response.body()).contains("This request cannot be completed");
	}

	/** The real Hazelcast store, whose writes can be made to fail as unconfirmed. */
	static final class SwitchableStore implements AuthorizationStore {

		private final AuthorizationStore delegate;

		volatile boolean writable = true;

		SwitchableStore(AuthorizationStore delegate) {
			this.delegate = delegate;
		}

		@Override
		public Optional<AuthorizationRecord> findById(String id) {
			return this.delegate.findById(id);
		}

		@Override
		public Optional<AuthorizationRecord> findByTokenHash(String tokenHash) {
			return this.delegate.findByTokenHash(tokenHash);
		}

		@Override
		public java.util.List<AuthorizationRecord> findByPrincipalName(String principalName) {
			return this.delegate.findByPrincipalName(principalName);
		}

		@Override
		public boolean insert(AuthorizationRecord record) {
			requireWritable();
			return this.delegate.insert(record);
		}

		@Override
		public boolean replace(AuthorizationRecord current, AuthorizationRecord next) {
			requireWritable();
			return this.delegate.replace(current, next);
		}

		@Override
		public void remove(String id) {
			requireWritable();
			this.delegate.remove(id);
		}

		private void requireWritable() {
			if (!this.writable) {
				throw new StoreUnavailableException("write not confirmed by a replica");
			}
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Stores {

		@Bean
		SwitchableStore authorizationStore(HazelcastInstance hazelcast) {
			return new SwitchableStore(new HazelcastAuthorizationStore(hazelcast));
		}

	}

}
