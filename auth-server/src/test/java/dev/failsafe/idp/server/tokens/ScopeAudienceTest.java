package dev.failsafe.idp.server.tokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Access tokens name the resource servers their scopes open ({@code idp.tokens.scope-audiences};
 * application.yml maps the demo partner API's scopes to {@value #PARTNER_API}).
 */
class ScopeAudienceTest extends ProviderIntegrationTest {

	private static final String PARTNER_API = "http://127.0.0.1:8082";

	@Test
	void accessTokenWhenOrderScopeGrantedThenAudienceNamesClientAndPartnerApi() throws Exception {
		SignedJWT token = SignedJWT
			.parse(clientCredentials(Demo.PARTNER_API, Demo.PARTNER_API_SECRET, "orders.read"));

		assertThat(token.getJWTClaimsSet().getAudience()).containsExactly(Demo.PARTNER_API, PARTNER_API);
	}

	@Test
	void userInfoWhenAccessTokenAlsoNamesPartnerApiThenClaimsReturned() throws Exception {
		CodeFlow flow = codeFlow(newUserAgent());
		Pkce pkce = Pkce.create();
		Map<String, String> redirect = flow.authorize(Demo.SHOP, Demo.SHOP_REDIRECT_URI,
				"openid profile orders.read", pkce, "s", "n", Demo.USERNAME, Demo.PASSWORD);
		BackChannel.Reply tokens = flow.exchange(Demo.SHOP, Demo.SHOP_SECRET, redirect.get("code"),
				Demo.SHOP_REDIRECT_URI, pkce.verifier());
		assertThat(SignedJWT.parse(tokens.string("access_token")).getJWTClaimsSet().getAudience())
			.containsExactly(Demo.SHOP, PARTNER_API);

		BackChannel.Reply userInfo = this.backChannel.getBearer("/userinfo", tokens.string("access_token"));

		assertThat(userInfo.status()).as(userInfo.raw().body()).isEqualTo(200);
		assertThat(userInfo.json()).containsEntry("sub", Demo.USERNAME);
	}

	@Test
	void accessTokenWhenNoScopeOfAResourceServerThenAudienceIsOnlyTheClient() throws Exception {
		SignedJWT token = SignedJWT
			.parse(clientCredentials(Demo.ADMIN, Demo.ADMIN_SECRET, Demo.ADMIN_SCOPE));

		assertThat(token.getJWTClaimsSet().getAudience()).containsExactly(Demo.ADMIN);
	}

	@Test
	void tokenPropertiesWhenAudienceIsNotOneTokenThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TokenProperties(Duration.ofMinutes(5),
				Duration.ofMinutes(5), Duration.ofHours(8), Duration.ofMinutes(1), Duration.ofSeconds(60),
				Map.of("orders.read", "two audiences")))
			.withMessageContaining("idp.tokens.scope-audiences");
	}

	@Test
	void audiencesForWhenScopesShareAnAudienceThenNamedOnce() {
		TokenProperties tokens = new TokenProperties(Duration.ofMinutes(5), Duration.ofMinutes(5),
				Duration.ofHours(8), Duration.ofMinutes(1), Duration.ofSeconds(60),
				Map.of("orders.read", PARTNER_API, "orders.write", PARTNER_API));

		assertThat(tokens.audiencesFor(List.of("orders.read", "orders.write", "openid"))).containsExactly(PARTNER_API);
	}

	private String clientCredentials(String clientId, String secret, String scope) {
		BackChannel.Reply reply = this.backChannel.postBasic("/oauth2/token", clientId, secret,
				Map.of("grant_type", List.of("client_credentials"), "scope", List.of(scope)));
		assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
		return reply.string("access_token");
	}

}
