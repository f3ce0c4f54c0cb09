package dev.failsafe.idp.server.tokens;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The authorization-code flow with PKCE end to end over HTTP, and what its tokens carry. */
class AuthorizationCodeFlowTest extends ProviderIntegrationTest {

	private static final String SCOPE = "openid profile email";

	@Test
	void codeFlowWhenPkceAndConsentThenTokensFollowProfilesAndScopes() throws Exception {
		UserAgent agent = newUserAgent();
		CodeFlow flow = codeFlow(agent);
		Pkce pkce = Pkce.create();
		String state = UUID.randomUUID().toString();
		String nonce = UUID.randomUUID().toString();

		Map<String, String> redirect = flow.authorize(Demo.SHOP, Demo.SHOP_REDIRECT_URI, SCOPE, pkce,
				state, nonce, Demo.USERNAME, Demo.PASSWORD);
		assertThat(redirect).containsEntry("state", state).containsKey("code");

		BackChannel.Reply tokens = flow.exchange(Demo.SHOP, Demo.SHOP_SECRET, redirect.get("code"),
				Demo.SHOP_REDIRECT_URI, pkce.verifier());
		assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
		assertThat(tokens.raw().headers().firstValue("Cache-Control")).hasValueSatisfying(
				value -> assertThat(value).contains("no-store"));

		SignedJWT access = SignedJWT.parse(tokens.string("access_token"));
		assertThat(access.getHeader().getType().getType()).isEqualTo("at+jwt");
		assertThat(access.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
		assertThat(access.getHeader().getKeyID()).isNotBlank();
		assertThat(access.getJWTClaimsSet().getIssuer()).isEqualTo(PROVIDER.issuer());
		assertThat(access.getJWTClaimsSet().getSubject()).isEqualTo(Demo.USERNAME);
		assertThat(access.getJWTClaimsSet().getAudience()).contains(Demo.SHOP);
		assertThat(access.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo(Demo.SHOP);
		assertThat(access.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("email openid profile");
		assertThat(access.getJWTClaimsSet().getJWTID()).isNotBlank();

		SignedJWT id = SignedJWT.parse(tokens.string("id_token"));
		assertThat(id.getHeader().getType()).isNull();
		assertThat(id.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo(nonce);
		assertThat(id.getJWTClaimsSet().getStringClaim("sid")).isNotBlank();
		assertThat(id.getJWTClaimsSet().getClaim("auth_time")).isNotNull();
		assertThat(id.getJWTClaimsSet().getStringClaim("email")).isEqualTo("alice@example.com");
		assertThat(id.getJWTClaimsSet().getBooleanClaim("email_verified")).isTrue();
		assertThat(id.getJWTClaimsSet().getStringClaim("name")).isEqualTo("Alice Example");
		assertThat(tokens.string("refresh_token")).isNotBlank();

		BackChannel.Reply userInfo = this.backChannel.getBearer("/userinfo", tokens.string("access_token"));
		assertThat(userInfo.status()).as(userInfo.raw().body()).isEqualTo(200);
		assertThat(userInfo.json()).containsEntry("sub", Demo.USERNAME)
			.containsEntry("email", "alice@example.com")
			.containsEntry("email_verified", true)
			.containsEntry("name", "Alice Example");
	}

	@Test
	void userInfoWhenOnlyOpenidGrantedThenNoProfileOrEmailClaims() throws Exception {
		UserAgent agent = newUserAgent();
		CodeFlow flow = codeFlow(agent);
		Pkce pkce = Pkce.create();
		Map<String, String> redirect = flow.authorize(Demo.SHOP, Demo.SHOP_REDIRECT_URI, "openid", pkce,
				"s", "n", Demo.USERNAME, Demo.PASSWORD);
		BackChannel.Reply tokens = flow.exchange(Demo.SHOP, Demo.SHOP_SECRET, redirect.get("code"),
				Demo.SHOP_REDIRECT_URI, pkce.verifier());
		assertThat(tokens.status()).isEqualTo(200);
		SignedJWT id = SignedJWT.parse(tokens.string("id_token"));
		assertThat(id.getJWTClaimsSet().getClaims()).doesNotContainKeys("email", "name", "email_verified");
		BackChannel.Reply userInfo = this.backChannel.getBearer("/userinfo", tokens.string("access_token"));
		assertThat(userInfo.json()).containsOnlyKeys("sub");
	}

	@Test
	void userInfoWhenIdTokenPresentedAsBearerThenRejected() {
		UserAgent agent = newUserAgent();
		CodeFlow flow = codeFlow(agent);
		Pkce pkce = Pkce.create();
		Map<String, String> redirect = flow.authorize(Demo.SHOP, Demo.SHOP_REDIRECT_URI, SCOPE, pkce,
				"s", "n", Demo.USERNAME, Demo.PASSWORD);
		BackChannel.Reply tokens = flow.exchange(Demo.SHOP, Demo.SHOP_SECRET, redirect.get("code"),
				Demo.SHOP_REDIRECT_URI, pkce.verifier());
		BackChannel.Reply userInfo = this.backChannel.getBearer("/userinfo", tokens.string("id_token"));
		assertThat(userInfo.status()).isEqualTo(401);
		assertThat(userInfo.raw().headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(value -> assertThat(value).contains("invalid_token"));
	}

	@Test
	void publicClientWhenPkceThenTokensWithoutSecret() {
		UserAgent agent = newUserAgent();
		CodeFlow flow = codeFlow(agent);
		Pkce pkce = Pkce.create();
		Map<String, String> redirect = flow.authorize(Demo.SPA, Demo.SPA_REDIRECT_URI, SCOPE, pkce, "s",
				"n", Demo.USERNAME, Demo.PASSWORD);
		BackChannel.Reply tokens = flow.exchange(Demo.SPA, null, redirect.get("code"),
				Demo.SPA_REDIRECT_URI, pkce.verifier());
		assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
		assertThat(tokens.string("access_token")).isNotBlank();
	}

	@Test
	void publicClientWhenNoPkceThenErrorRedirectAndNoCode() {
		UserAgent agent = newUserAgent();
		agent.submitLogin(Demo.USERNAME, Demo.PASSWORD);
		var response = agent.get(CodeFlow.authorizeUrl(Demo.SPA, Demo.SPA_REDIRECT_URI, SCOPE, null,
				"s", "n"));
		assertThat(UserAgent.isRedirect(response)).isTrue();
		assertThat(UserAgent.location(response)).startsWith(Demo.SPA_REDIRECT_URI);
		assertThat(UserAgent.redirectParameters(response)).containsEntry("error", "invalid_request")
			.doesNotContainKey("code");
	}

	@Test
	void clientCredentialsWhenBasicOrPostThenAccessTokenForTheClient() throws Exception {
		BackChannel.Reply basic = this.backChannel.postBasic("/oauth2/token", Demo.PARTNER_API,
				Demo.PARTNER_API_SECRET,
				Map.of("grant_type", List.of("client_credentials"), "scope", List.of("orders.read")));
		assertThat(basic.status()).isEqualTo(200);
		SignedJWT access = SignedJWT.parse(basic.string("access_token"));
		assertThat(access.getJWTClaimsSet().getSubject()).isEqualTo(Demo.PARTNER_API);
		assertThat(access.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo(Demo.PARTNER_API);
		assertThat(access.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("orders.read");
		assertThat(basic.json()).doesNotContainKey("refresh_token");

		BackChannel.Reply post = this.backChannel.postBasic("/oauth2/token", null, null,
				Map.of("grant_type", List.of("client_credentials"), "client_id", List.of(Demo.PARTNER_API),
						"client_secret", List.of(Demo.PARTNER_API_SECRET)));
		assertThat(post.status()).isEqualTo(200);
		assertThat(new String(Base64.getUrlDecoder().decode(post.string("access_token").split("\\.")[0])))
			.contains("at+jwt");
	}

}
