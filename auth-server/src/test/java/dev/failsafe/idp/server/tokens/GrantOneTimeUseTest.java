package dev.failsafe.idp.server.tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.failsafe.idp.server.demo.DemoTenant;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Codes and refresh tokens are single-use, also under concurrency, and reuse revokes what was
 * issued from them.
 */
class GrantOneTimeUseTest extends ProviderIntegrationTest {

	private static final int RACERS = 16;

	@Test
	void exchangeWhenManyConcurrentRedemptionsOfOneCodeThenExactlyOneWins() throws Exception {
		Pkce pkce = Pkce.create();
		String code = authorize(pkce);
		List<BackChannel.Reply> replies = race(() -> flow().exchange(DemoTenant.SHOP, DemoTenant.SHOP_SECRET, code,
				DemoTenant.SHOP_REDIRECT_URI, pkce.verifier()));
		assertThat(replies).filteredOn(reply -> reply.status() == 200).hasSize(1);
		assertThat(replies).filteredOn(reply -> reply.status() != 200)
			.hasSize(RACERS - 1)
			.allSatisfy(reply -> {
				assertThat(reply.status()).isEqualTo(400);
				assertThat(reply.json()).containsEntry("error", "invalid_grant");
			});
	}

	@Test
	void refreshWhenManyConcurrentRotationsOfOneTokenThenExactlyOneWins() throws Exception {
		BackChannel.Reply tokens = tokens();
		String refreshToken = tokens.string("refresh_token");
		List<BackChannel.Reply> replies = race(
				() -> flow().refresh(DemoTenant.SHOP, DemoTenant.SHOP_SECRET, refreshToken));
		assertThat(replies).filteredOn(reply -> reply.status() == 200).hasSize(1);
		assertThat(replies).filteredOn(reply -> reply.status() != 200)
			.allSatisfy(reply -> assertThat(reply.json()).containsEntry("error", "invalid_grant"));
	}

	@Test
	void refreshWhenRotatedTokenReusedThenWholeFamilyRevoked() {
		BackChannel.Reply first = tokens();
		String original = first.string("refresh_token");
		BackChannel.Reply rotated = flow().refresh(DemoTenant.SHOP, DemoTenant.SHOP_SECRET, original);
		assertThat(rotated.status()).isEqualTo(200);
		String successor = rotated.string("refresh_token");
		assertThat(successor).isNotEqualTo(original);
		assertThat(active(rotated.string("access_token"))).isTrue();

		BackChannel.Reply reuse = flow().refresh(DemoTenant.SHOP, DemoTenant.SHOP_SECRET, original);
		assertThat(reuse.status()).isEqualTo(400);
		assertThat(reuse.json()).containsEntry("error", "invalid_grant");

		BackChannel.Reply successorAfterReuse = flow().refresh(DemoTenant.SHOP, DemoTenant.SHOP_SECRET, successor);
		assertThat(successorAfterReuse.status()).isEqualTo(400);
		assertThat(successorAfterReuse.json()).containsEntry("error", "invalid_grant");
		assertThat(active(rotated.string("access_token"))).isFalse();
		assertThat(active(successor)).isFalse();
	}

	@Test
	void exchangeWhenCodeReplayedThenTokensFromFirstUseRevoked() {
		Pkce pkce = Pkce.create();
		String code = authorize(pkce);
		BackChannel.Reply first = flow().exchange(DemoTenant.SHOP, DemoTenant.SHOP_SECRET, code,
				DemoTenant.SHOP_REDIRECT_URI, pkce.verifier());
		assertThat(first.status()).isEqualTo(200);
		assertThat(active(first.string("access_token"))).isTrue();

		BackChannel.Reply replay = flow().exchange(DemoTenant.SHOP, DemoTenant.SHOP_SECRET, code,
				DemoTenant.SHOP_REDIRECT_URI, pkce.verifier());
		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.json()).containsEntry("error", "invalid_grant");
		assertThat(active(first.string("access_token"))).isFalse();
		assertThat(flow().refresh(DemoTenant.SHOP, DemoTenant.SHOP_SECRET, first.string("refresh_token")).json())
			.containsEntry("error", "invalid_grant");
	}

	@Test
	void revokeWhenRefreshTokenRevokedThenItAndItsAccessTokenAreInactive() {
		BackChannel.Reply tokens = tokens();
		BackChannel.Reply revoked = this.backChannel.postBasic("/oauth2/revoke", DemoTenant.SHOP,
				DemoTenant.SHOP_SECRET, Map.of("token", List.of(tokens.string("refresh_token")), "token_type_hint",
						List.of("refresh_token")));
		assertThat(revoked.status()).isEqualTo(200);
		assertThat(active(tokens.string("refresh_token"))).isFalse();
		assertThat(active(tokens.string("access_token"))).isFalse();
		assertThat(flow().refresh(DemoTenant.SHOP, DemoTenant.SHOP_SECRET, tokens.string("refresh_token")).json())
			.containsEntry("error", "invalid_grant");
	}

	@Test
	void introspectWhenActiveAccessTokenThenRfc7662Claims() {
		BackChannel.Reply tokens = tokens();
		BackChannel.Reply introspection = introspect(tokens.string("access_token"));
		assertThat(introspection.status()).isEqualTo(200);
		assertThat(introspection.json()).containsEntry("active", true)
			.containsEntry("client_id", DemoTenant.SHOP)
			.containsEntry("sub", DemoTenant.USERNAME)
			.containsEntry("token_type", "Bearer")
			.containsKeys("exp", "iat", "scope", "iss");
	}

	private boolean active(String token) {
		return Boolean.TRUE.equals(introspect(token).json().get("active"));
	}

	private BackChannel.Reply introspect(String token) {
		return this.backChannel.postBasic("/oauth2/introspect", DemoTenant.SHOP, DemoTenant.SHOP_SECRET,
				Map.of("token", List.of(token)));
	}

	private CodeFlow flow() {
		return codeFlow(newUserAgent());
	}

	private String authorize(Pkce pkce) {
		return flow().authorize(DemoTenant.SHOP, DemoTenant.SHOP_REDIRECT_URI, "openid profile", pkce, "state",
				"nonce", DemoTenant.USERNAME, DemoTenant.PASSWORD).get("code");
	}

	private BackChannel.Reply tokens() {
		Pkce pkce = Pkce.create();
		BackChannel.Reply tokens = flow().exchange(DemoTenant.SHOP, DemoTenant.SHOP_SECRET, authorize(pkce),
				DemoTenant.SHOP_REDIRECT_URI, pkce.verifier());
		assertThat(tokens.status()).isEqualTo(200);
		return tokens;
	}

	/** Runs {@code call} from {@value #RACERS} threads released at once. */
	private static <T> List<T> race(Callable<T> call) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(RACERS);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < RACERS; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(30, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
