package dev.failsafe.idp.server.tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 item 5: a single-page app keeps its user signed in without asking for the password again
 * (OAuth 2.0 for Browser-Based Applications): silent renewal with {@code prompt=none}, and refresh
 * tokens for the public client, rotated on every use with reuse detection and a shorter lifetime
 * ({@code idp.tokens.public-client-refresh-token-ttl}, 1 hour); a refresh token presented by the
 * wrong client is 400 {@code invalid_grant}.
 */
class SinglePageAppRenewalTest extends ProviderIntegrationTest {

	private static final String SCOPE = "openid profile";

	@Test
	void spaWhenSignedInThenSilentRenewalWithPromptNoneGivesTokensWithoutThePassword() {
		UserAgent browser = newUserAgent();
		signIn(browser);
		Pkce pkce = Pkce.create();
		var silent = browser.get(CodeFlow.authorizeUrl(Demo.SPA, Demo.SPA_REDIRECT_URI, SCOPE, pkce, "r1",
				"n") + "&prompt=none");
		assertThat(UserAgent.location(silent)).startsWith(Demo.SPA_REDIRECT_URI + "?");
		Map<String, String> answer = UserAgent.redirectParameters(silent);
		assertThat(answer).containsEntry("state", "r1").containsKey("code");
		BackChannel.Reply tokens = codeFlow(browser).exchange(Demo.SPA, null, answer.get("code"),
				Demo.SPA_REDIRECT_URI, pkce.verifier());
		assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
	}

	@Test
	void spaWhenRefreshingThenRotatedEachTimeAndReuseRevokesTheFamily() {
		BackChannel.Reply first = signIn(newUserAgent());
		String original = first.string("refresh_token");
		assertThat(original).as("a refresh token for the public client").isNotBlank();

		BackChannel.Reply second = refreshAsSpa(original);
		assertThat(second.status()).as(second.raw().body()).isEqualTo(200);
		String rotated = second.string("refresh_token");
		assertThat(rotated).isNotBlank().isNotEqualTo(original);
		assertThat(this.backChannel.getBearer("/userinfo", second.string("access_token")).status()).isEqualTo(200);

		BackChannel.Reply reused = refreshAsSpa(original);
		assertThat(reused.status()).isEqualTo(400);
		assertThat(reused.json()).containsEntry("error", "invalid_grant");
		BackChannel.Reply afterReuse = refreshAsSpa(rotated);
		assertThat(afterReuse.status()).as("the whole family is revoked").isEqualTo(400);
	}

	@Test
	void spaRefreshTokenWhenIssuedThenLivesThePublicClientLifetime() {
		String refreshToken = signIn(newUserAgent()).string("refresh_token");
		Map<String, Object> introspection = introspect(refreshToken);
		assertThat(introspection).containsEntry("active", true).containsEntry("client_id", Demo.SPA);
		Instant expiresAt = Instant.ofEpochSecond(((Number) introspection.get("exp")).longValue());
		assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofMinutes(55), Duration.ofHours(1));
	}

	@Test
	void refreshWhenTokenOfAnotherClientThenInvalidGrant400() {
		String spaToken = signIn(newUserAgent()).string("refresh_token");
		BackChannel.Reply byShop = this.backChannel.postBasic("/oauth2/token", Demo.SHOP, Demo.SHOP_SECRET,
				Map.of("grant_type", List.of("refresh_token"), "refresh_token", List.of(spaToken)));
		assertThat(byShop.status()).isEqualTo(400);
		assertThat(byShop.json()).containsEntry("error", "invalid_grant");
		assertThat(refreshAsSpa(spaToken).status()).as("not spent by the other client's attempt").isEqualTo(200);
	}

	@Test
	void refreshWhenPublicClientWithoutRefreshGrantOrUnknownThenInvalidClient() {
		BackChannel.Reply unknown = this.backChannel.postBasic("/oauth2/token", null, null,
				Map.of("grant_type", List.of("refresh_token"), "refresh_token", List.of("x"), "client_id",
						List.of("no-such-client")));
		assertThat(unknown.status()).isEqualTo(401);
		assertThat(unknown.json()).containsEntry("error", "invalid_client");
		BackChannel.Reply confidential = this.backChannel.postBasic("/oauth2/token", null, null,
				Map.of("grant_type", List.of("refresh_token"), "refresh_token", List.of("x"), "client_id",
						List.of(Demo.SHOP)));
		assertThat(confidential.status()).as("a confidential client must prove itself").isEqualTo(401);
	}

	private BackChannel.Reply signIn(UserAgent browser) {
		Pkce pkce = Pkce.create();
		Map<String, String> answer = codeFlow(browser).authorize(Demo.SPA, Demo.SPA_REDIRECT_URI, SCOPE,
				pkce, "s", "n", Demo.USERNAME, Demo.PASSWORD);
		BackChannel.Reply tokens = codeFlow(browser).exchange(Demo.SPA, null, answer.get("code"),
				Demo.SPA_REDIRECT_URI, pkce.verifier());
		assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
		return tokens;
	}

	private BackChannel.Reply refreshAsSpa(String refreshToken) {
		return this.backChannel.postBasic("/oauth2/token", null, null, Map.of("grant_type", List.of("refresh_token"),
				"refresh_token", List.of(refreshToken), "client_id", List.of(Demo.SPA)));
	}

	private Map<String, Object> introspect(String token) {
		return this.backChannel.postBasic("/oauth2/introspect", Demo.PARTNER_API, Demo.PARTNER_API_SECRET,
				Map.of("token", List.of(token))).expect(200, "introspection").json();
	}

}
