package dev.failsafe.idp.server.admin;

import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.failsafe.idp.server.operators.OperatorClients;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.server.testing.TestClients;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static dev.failsafe.idp.server.admin.AdminCalls.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only operator clients (confidential, client_credentials only) hold the admin scope: the admin API
 * refuses any registration that would let a user-facing flow obtain it, and the authorization and
 * token endpoints never grant it to another client, whatever a stored row or authorization says.
 */
class AdminScopeHoldersTest extends ProviderIntegrationTest {


	private static final String ROGUE_REDIRECT = "https://rogue.example/cb";

	private final AdminCalls admin = new AdminCalls(PROVIDER, this.backChannel);

	@Autowired
	private RegisteredClientRepository clients;

	@Autowired
	private OAuth2AuthorizationService authorizations;

	@Test
	void registerWhenAUserFacingFlowCouldObtainAdminThenRefusedNamingTheField() {
		assertRefused(register("code-admin", """
				"grantTypes":["authorization_code","refresh_token"],"redirectUris":["https://app.example/cb"],
				"scopes":["openid","admin"]"""), "scopes");
		assertRefused(register("code-operator", """
				"operator":true,"grantTypes":["authorization_code","client_credentials"],
				"redirectUris":["https://app.example/cb"],"scopes":["admin"]"""), "operator");
		assertRefused(register("refresh-operator", """
				"operator":true,"grantTypes":["client_credentials","refresh_token"],"scopes":["admin"]"""), "operator");
		assertRefused(register("unmarked-admin", """
				"grantTypes":["client_credentials"],"scopes":["admin"]"""), "scopes");
		assertRefused(register("comma-admin", """
				"grantTypes":["client_credentials"],"scopes":["openid,admin"]"""), "scopes[0]");
	}

	@Test
	void updateWhenAUserFacingFlowCouldObtainAdminThenRefusedAndNothingChanged() {
		String clientId = "web-" + System.nanoTime();
		String codeFlow = """
				"grantTypes":["authorization_code"],"redirectUris":["https://app.example/cb"],"scopes":["openid"]""";
		assertThat(register(clientId, codeFlow).status()).isEqualTo(201);

		assertRefused(this.admin.asDemoAdmin("PUT", "/admin/clients/" + clientId, body(clientId,
				codeFlow.replace("[\"openid\"]", "[\"openid\",\"admin\"]"))), "scopes");
		assertRefused(this.admin.asDemoAdmin("PUT", "/admin/clients/" + clientId,
				body(clientId, "\"operator\":true," + codeFlow.replace("[\"openid\"]", "[\"admin\"]"))), "operator");
		assertThat(this.admin.asDemoAdmin("GET", "/admin/clients/" + clientId, null).json())
			.containsEntry("scopes", List.of("openid"))
			.containsEntry("operator", false);
	}

	@Test
	void signInWhenStoredRowGivesACodeFlowClientAdminThenNeverAnAdminToken() {
		String clientId = rogueCodeFlowClient();
		UserAgent agent = newUserAgent();
		CodeFlow flow = codeFlow(agent);
		Pkce pkce = Pkce.create();
		Map<String, String> signedIn = flow.authorize(clientId, ROGUE_REDIRECT, "openid", pkce, "s1", "n1",
				Demo.USERNAME, Demo.PASSWORD);

		HttpResponse<String> asked = agent.get(CodeFlow.authorizeUrl(clientId, ROGUE_REDIRECT, "openid admin",
				Pkce.create(), "s2", "n2"));
		assertThat(UserAgent.redirectParameters(asked)).containsEntry("error", "invalid_scope")
			.containsEntry("state", "s2")
			.doesNotContainKey("code");

		String secret = TestClients.secretOf(clientId);
		BackChannel.Reply tokens = flow.exchange(clientId, secret, signedIn.get("code"), ROGUE_REDIRECT,
				pkce.verifier());
		assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
		assertThat(tokens.string("scope")).isEqualTo("openid");
		assertThat(this.admin.call(tokens.string("access_token"), "GET", "/admin/keys", null).status()).isEqualTo(401);

		BackChannel.Reply refreshed = this.backChannel.postBasic("/oauth2/token", clientId, secret,
				Map.of("grant_type", List.of("refresh_token"), "refresh_token", List.of(tokens.string("refresh_token")),
						"scope", List.of("openid admin")));
		assertThat(refreshed.status()).isEqualTo(400);
		assertThat(refreshed.json()).containsEntry("error", "invalid_scope");
	}

	@Test
	void refreshWhenStoredAuthorizationCarriesAdminForACodeFlowClientThenInvalidScopeUnlessNarrowed() {
		String clientId = rogueCodeFlowClient();
		String refreshToken = "legacy-" + UUID.randomUUID();
		Instant now = Instant.now();
		this.authorizations.save(OAuth2Authorization.withRegisteredClient(this.clients.findByClientId(clientId))
			.principalName(Demo.USERNAME)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(Set.of("orders.read", OperatorClients.ADMIN_SCOPE))
			.refreshToken(new OAuth2RefreshToken(refreshToken, now, now.plus(Duration.ofHours(1))))
			.attribute(Principal.class.getName(),
					UsernamePasswordAuthenticationToken.authenticated(Demo.USERNAME, null, new ArrayList<>()))
			.build());

		BackChannel.Reply refused = refresh(clientId, refreshToken, null);
		assertThat(refused.status()).as(refused.raw().body()).isEqualTo(400);
		assertThat(refused.json()).containsEntry("error", "invalid_scope");

		BackChannel.Reply narrowed = refresh(clientId, refreshToken, "orders.read");
		assertThat(narrowed.status()).as(narrowed.raw().body()).isEqualTo(200);
		assertThat(narrowed.string("scope")).isEqualTo("orders.read");
	}

	@Test
	void clientCredentialsWhenStoredRowGivesAnUnmarkedClientAdminThenInvalidScope() {
		String clientId = "unmarked-" + System.nanoTime();
		this.clients.save(TestClients.confidential(clientId)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope(OperatorClients.ADMIN_SCOPE)
			.scope("orders.read")
			.build());
		String secret = TestClients.secretOf(clientId);
		assertThat(this.admin.tokenRequest(clientId, secret, OperatorClients.ADMIN_SCOPE).json())
			.containsEntry("error", "invalid_scope");
		assertThat(this.admin.tokenRequest(clientId, secret, "orders.read").status()).isEqualTo(200);
	}

	/** A code-flow client whose row holds admin and even the operator mark, as no registration allows. */
	private String rogueCodeFlowClient() {
		String clientId = "rogue-" + System.nanoTime();
		this.clients.save(TestClients.confidential(clientId)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.redirectUri(ROGUE_REDIRECT)
			.scope("openid")
			.scope("orders.read")
			.scope(OperatorClients.ADMIN_SCOPE)
			.clientSettings(ClientSettings.builder()
				.requireProofKey(true)
				.requireAuthorizationConsent(false)
				.setting(OperatorClients.SETTING, true)
				.build())
			.build());
		return clientId;
	}

	private BackChannel.Reply refresh(String clientId, String refreshToken, String scope) {
		Map<String, List<String>> form = new java.util.HashMap<>(
				Map.of("grant_type", List.of("refresh_token"), "refresh_token", List.of(refreshToken)));
		if (scope != null) {
			form.put("scope", List.of(scope));
		}
		return this.backChannel.postBasic("/oauth2/token", clientId, TestClients.secretOf(clientId), form);
	}

	private BackChannel.Reply register(String clientId, String members) {
		return this.admin.asDemoAdmin("POST", "/admin/clients", body(clientId, members));
	}

	private static String body(String clientId, String members) {
		return "{\"clientId\":\"" + clientId + "\",\"clientName\":\"x\",\"clientType\":\"confidential\"," + members + "}";
	}

}
