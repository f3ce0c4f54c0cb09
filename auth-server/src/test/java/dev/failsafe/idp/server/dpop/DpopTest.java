package dev.failsafe.idp.server.dpop;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.server.clients.ClientProtocolSettings;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.server.testing.TestClients;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.Forms;
import dev.failsafe.idp.testing.signin.Pkce;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP (RFC 9449) end to end on one node: tokens bound to the client's key ({@code cnf.jkt}), used at
 * the UserInfo endpoint with a fresh proof; a proof used twice, a stale one, and a token request
 * without a proof from a client registered to bind its tokens are all {@code invalid_dpop_proof}.
 * (Across nodes: {@code CrossNodeOneTimeUseTest}.)
 */
class DpopTest extends ProviderIntegrationTest {

	private static final String CLIENT = "dpop-client";

	private static final String REDIRECT_URI = "https://dpop.example/cb";

	@Autowired
	private RegisteredClientRepository clients;

	@BeforeEach
	void registerClient() {
		synchronized (DpopTest.class) {
			if (this.clients.findByClientId(CLIENT) == null) {
				this.clients.save(TestClients.confidential(CLIENT)
					.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
					.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
					.redirectUri(REDIRECT_URI)
					.scopes(scopes -> scopes.addAll(Set.of("openid", "profile", "orders.read")))
					.clientSettings(ClientSettings.builder()
						.requireProofKey(false)
						.setting(ClientProtocolSettings.DPOP_BOUND_ACCESS_TOKENS, true)
						.build())
					.build());
			}
		}
	}

	@Test
	void tokenWhenProofSentThenBoundTokenWorksAtUserInfoOnlyWithAFreshProof() throws Exception {
		DpopProofs key = DpopProofs.create();
		Map<String, String> answer = codeFlow(newUserAgent()).authorize("/oauth2/authorize?" + Forms.encode(Map.of(
				"response_type", List.of("code"), "client_id", List.of(CLIENT), "redirect_uri", List.of(REDIRECT_URI),
				"scope", List.of("openid profile"), "state", List.of("s"))), REDIRECT_URI, Demo.USERNAME,
				Demo.PASSWORD);
		BackChannel.Reply tokens = token(key.proof("POST", tokenUri()), Map.of("grant_type",
				List.of("authorization_code"), "code", List.of(answer.get("code")), "redirect_uri", List.of(REDIRECT_URI)));
		assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
		assertThat(tokens.string("token_type")).isEqualTo("DPoP");
		String accessToken = tokens.string("access_token");
		@SuppressWarnings("unchecked")
		Map<String, Object> cnf = (Map<String, Object>) SignedJWT.parse(accessToken).getJWTClaimsSet().getClaim("cnf");
		assertThat(cnf).containsEntry("jkt", key.thumbprint());

		String proof = key.proof("GET", PROVIDER.issuer() + "/userinfo", Instant.now(), accessToken);
		BackChannel.Reply userInfo = userInfo("DPoP " + accessToken, proof);
		assertThat(userInfo.status()).as(userInfo.raw().body()).isEqualTo(200);
		assertThat(userInfo.json()).containsEntry("sub", Demo.USERNAME);

		BackChannel.Reply replayed = userInfo("DPoP " + accessToken, proof);
		assertThat(replayed.status()).isEqualTo(401);
		assertThat(replayed.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				challenge -> assertThat(challenge).startsWith("DPoP").contains("invalid_dpop_proof"));
		assertThat(userInfo("Bearer " + accessToken, null).status()).as("a bound token is no bearer token")
			.isEqualTo(401);
	}

	@Test
	void tokenWhenProofReplayedOrStaleOrMissingThenInvalidDpopProof() {
		DpopProofs key = DpopProofs.create();
		Map<String, List<String>> form = Map.of("grant_type", List.of("client_credentials"), "scope",
				List.of("orders.read"));
		String proof = key.proof("POST", tokenUri());
		assertThat(token(proof, form).status()).isEqualTo(200);
		assertInvalidDpopProof(token(proof, form));
		assertInvalidDpopProof(token(key.proof("POST", tokenUri(), Instant.now().minusSeconds(600), null), form));
		assertInvalidDpopProof(token(null, form));
	}

	private static void assertInvalidDpopProof(BackChannel.Reply reply) {
		assertThat(reply.status()).as(reply.raw().body()).isEqualTo(400);
		assertThat(reply.json()).containsEntry("error", "invalid_dpop_proof");
	}

	private BackChannel.Reply token(String proof, Map<String, List<String>> form) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tokenUri()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Authorization", BackChannel.basic(CLIENT, TestClients.secretOf(CLIENT)))
			.POST(HttpRequest.BodyPublishers.ofString(Forms.encode(form)));
		if (proof != null) {
			request.header("DPoP", proof);
		}
		return this.backChannel.send(request.build());
	}

	private BackChannel.Reply userInfo(String authorization, String proof) {
		HttpRequest.Builder request = HttpRequest.newBuilder(PROVIDER.uri("/userinfo")).header("Authorization",
				authorization);
		if (proof != null) {
			request.header("DPoP", proof);
		}
		return this.backChannel.send(request.GET().build());
	}

	private static String tokenUri() {
		return PROVIDER.issuer() + "/oauth2/token";
	}

}
