package dev.failsafe.idp.server.tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.failsafe.idp.testing.Racers;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Codes and refresh tokens are single-use, also under concurrency, and reuse revokes what was
 * issued from them, concurrent reuse included (the winner's tokens too); a refreshed family keeps the
 * expiry of its first refresh token.
 */
class GrantOneTimeUseTest extends ProviderIntegrationTest {

	private static final int RACERS = 16;

	/** The figure: six parallel uses of one grant. */
	private static final int SIX = 6;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private TokenProperties tokenSettings;

	@Test
	void exchangeWhenManyConcurrentRedemptionsOfOneCodeThenExactlyOneWins() throws Exception {
		Pkce pkce = Pkce.create();
		String code = authorize(pkce);
		List<BackChannel.Reply> replies = race(() -> flow().exchange(Demo.SHOP, Demo.SHOP_SECRET, code,
				Demo.SHOP_REDIRECT_URI, pkce.verifier()));
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
				() -> flow().refresh(Demo.SHOP, Demo.SHOP_SECRET, refreshToken));
		assertThat(replies).filteredOn(reply -> reply.status() == 200).hasSize(1);
		assertThat(replies).filteredOn(reply -> reply.status() != 200)
			.allSatisfy(reply -> assertThat(reply.json()).containsEntry("error", "invalid_grant"));
	}

	@Test
	void refreshWhenSixConcurrentRotationsOfOneTokenThenOneWinnerWhoseTokensAreRevokedToo() throws Exception {
		String refreshToken = tokens().string("refresh_token");
		double reuseBefore = this.meters.counter("idp.refresh_token.reuse").count();
		List<BackChannel.Reply> replies = Racers.race(SIX,
				() -> flow().refresh(Demo.SHOP, Demo.SHOP_SECRET, refreshToken));
		assertOneWinnerWhoseTokensAreRevoked(replies);
		assertThat(this.meters.counter("idp.refresh_token.reuse").count()).isEqualTo(reuseBefore + SIX - 1);
	}

	@Test
	void exchangeWhenSixConcurrentRedemptionsOfOneCodeThenOneWinnerWhoseTokensAreRevokedToo() throws Exception {
		Pkce pkce = Pkce.create();
		String code = authorize(pkce);
		double reuseBefore = this.meters.counter("idp.authorization_code.reuse").count();
		List<BackChannel.Reply> replies = Racers.race(SIX, () -> flow().exchange(Demo.SHOP, Demo.SHOP_SECRET,
				code, Demo.SHOP_REDIRECT_URI, pkce.verifier()));
		assertOneWinnerWhoseTokensAreRevoked(replies);
		assertThat(this.meters.counter("idp.authorization_code.reuse").count()).isEqualTo(reuseBefore + SIX - 1);
	}

	@Test
	void refreshWhenRotatedThenSuccessorExpiresWithTheFamilyNotLater() {
		BackChannel.Reply first = tokens();
		long familyEnd = expiry(first.string("refresh_token"));
		// Rotate only once the clock has moved on a whole second, so a renewed lifetime would show.
		await().atMost(Duration.ofSeconds(3))
			.until(() -> Instant.now().getEpochSecond() + this.tokenSettings.refreshTokenTtl().toSeconds() > familyEnd);
		BackChannel.Reply rotated = flow().refresh(Demo.SHOP, Demo.SHOP_SECRET,
				first.string("refresh_token"));
		assertThat(rotated.status()).isEqualTo(200);
		assertThat(expiry(rotated.string("refresh_token"))).isEqualTo(familyEnd);
		BackChannel.Reply again = flow().refresh(Demo.SHOP, Demo.SHOP_SECRET,
				rotated.string("refresh_token"));
		assertThat(expiry(again.string("refresh_token"))).isEqualTo(familyEnd);
	}

	@Test
	void refreshWhenRotatedTokenReusedThenWholeFamilyRevoked() {
		BackChannel.Reply first = tokens();
		String original = first.string("refresh_token");
		BackChannel.Reply rotated = flow().refresh(Demo.SHOP, Demo.SHOP_SECRET, original);
		assertThat(rotated.status()).isEqualTo(200);
		String successor = rotated.string("refresh_token");
		assertThat(successor).isNotEqualTo(original);
		assertThat(active(rotated.string("access_token"))).isTrue();

		BackChannel.Reply reuse = flow().refresh(Demo.SHOP, Demo.SHOP_SECRET, original);
		assertThat(reuse.status()).isEqualTo(400);
		assertThat(reuse.json()).containsEntry("error", "invalid_grant");

		BackChannel.Reply successorAfterReuse = flow().refresh(Demo.SHOP, Demo.SHOP_SECRET, successor);
		assertThat(successorAfterReuse.status()).isEqualTo(400);
		assertThat(successorAfterReuse.json()).containsEntry("error", "invalid_grant");
		assertThat(active(rotated.string("access_token"))).isFalse();
		assertThat(active(successor)).isFalse();
	}

	@Test
	void exchangeWhenCodeReplayedThenTokensFromFirstUseRevoked() {
		Pkce pkce = Pkce.create();
		String code = authorize(pkce);
		BackChannel.Reply first = flow().exchange(Demo.SHOP, Demo.SHOP_SECRET, code,
				Demo.SHOP_REDIRECT_URI, pkce.verifier());
		assertThat(first.status()).isEqualTo(200);
		assertThat(active(first.string("access_token"))).isTrue();

		BackChannel.Reply replay = flow().exchange(Demo.SHOP, Demo.SHOP_SECRET, code,
				Demo.SHOP_REDIRECT_URI, pkce.verifier());
		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.json()).containsEntry("error", "invalid_grant");
		assertThat(active(first.string("access_token"))).isFalse();
		assertThat(flow().refresh(Demo.SHOP, Demo.SHOP_SECRET, first.string("refresh_token")).json())
			.containsEntry("error", "invalid_grant");
	}

	@Test
	void revokeWhenRefreshTokenRevokedThenItAndItsAccessTokenAreInactive() {
		BackChannel.Reply tokens = tokens();
		BackChannel.Reply revoked = this.backChannel.postBasic("/oauth2/revoke", Demo.SHOP,
				Demo.SHOP_SECRET, Map.of("token", List.of(tokens.string("refresh_token")), "token_type_hint",
						List.of("refresh_token")));
		assertThat(revoked.status()).isEqualTo(200);
		assertThat(active(tokens.string("refresh_token"))).isFalse();
		assertThat(active(tokens.string("access_token"))).isFalse();
		assertThat(flow().refresh(Demo.SHOP, Demo.SHOP_SECRET, tokens.string("refresh_token")).json())
			.containsEntry("error", "invalid_grant");
	}

	@Test
	void introspectWhenActiveAccessTokenThenRfc7662Claims() {
		BackChannel.Reply tokens = tokens();
		BackChannel.Reply introspection = introspect(tokens.string("access_token"));
		assertThat(introspection.status()).isEqualTo(200);
		assertThat(introspection.json()).containsEntry("active", true)
			.containsEntry("client_id", Demo.SHOP)
			.containsEntry("sub", Demo.USERNAME)
			.containsEntry("token_type", "Bearer")
			.containsKeys("exp", "iat", "scope", "iss");
	}

	/** One 200 and five {@code invalid_grant}; the winner's access and refresh tokens no longer work. */
	private void assertOneWinnerWhoseTokensAreRevoked(List<BackChannel.Reply> replies) {
		assertThat(replies).filteredOn(reply -> reply.status() == 200).hasSize(1);
		assertThat(replies).filteredOn(reply -> reply.status() != 200)
			.hasSize(SIX - 1)
			.allSatisfy(reply -> {
				assertThat(reply.status()).isEqualTo(400);
				assertThat(reply.json()).containsEntry("error", "invalid_grant");
			});
		BackChannel.Reply winner = replies.stream().filter(reply -> reply.status() == 200).findFirst().orElseThrow();
		assertThat(active(winner.string("access_token"))).as("the winner's access token").isFalse();
		assertThat(flow().refresh(Demo.SHOP, Demo.SHOP_SECRET, winner.string("refresh_token")).json())
			.as("the winner's refresh token")
			.containsEntry("error", "invalid_grant");
	}

	/** The {@code exp} introspection reports for a refresh token. */
	private long expiry(String refreshToken) {
		BackChannel.Reply introspection = introspect(refreshToken);
		assertThat(introspection.json()).containsEntry("active", true);
		return ((Number) introspection.json().get("exp")).longValue();
	}

	private boolean active(String token) {
		return Boolean.TRUE.equals(introspect(token).json().get("active"));
	}

	private BackChannel.Reply introspect(String token) {
		return this.backChannel.postBasic("/oauth2/introspect", Demo.SHOP, Demo.SHOP_SECRET,
				Map.of("token", List.of(token)));
	}

	private CodeFlow flow() {
		return codeFlow(newUserAgent());
	}

	private String authorize(Pkce pkce) {
		return flow().authorize(Demo.SHOP, Demo.SHOP_REDIRECT_URI, "openid profile", pkce, "state",
				"nonce", Demo.USERNAME, Demo.PASSWORD).get("code");
	}

	private BackChannel.Reply tokens() {
		Pkce pkce = Pkce.create();
		BackChannel.Reply tokens = flow().exchange(Demo.SHOP, Demo.SHOP_SECRET, authorize(pkce),
				Demo.SHOP_REDIRECT_URI, pkce.verifier());
		assertThat(tokens.status()).isEqualTo(200);
		return tokens;
	}

	/** Runs {@code call} from {@value #RACERS} threads released at once. */
	private static <T> List<T> race(Callable<T> call) throws Exception {
		return Racers.race(RACERS, call);
	}

}
