package dev.failsafe.idp.server.admin;

import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import org.junit.jupiter.api.Test;

import static dev.failsafe.idp.server.admin.AdminCalls.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The admin API's client operations over HTTP: the whole life of a client, and bad registrations. */
class AdminClientsApiTest extends ProviderIntegrationTest {

	private static final String SERVICE = """
			{"clientId":"%s","clientName":"Nightly export","clientType":"confidential",
			 "grantTypes":["client_credentials"],"scopes":["orders.read"]}""";

	private final AdminCalls admin = new AdminCalls(PROVIDER, this.backChannel);

	@Test
	void clientWhenCreatedRotatedUpdatedDeletedThenSecretsAndTokensFollow() {
		String clientId = "export-" + System.nanoTime();
		BackChannel.Reply created = admin("POST", "/admin/clients", SERVICE.formatted(clientId));
		assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
		String secret = created.string("clientSecret");
		assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
		assertThat(created.raw().body()).doesNotContain("{sha256}");
		assertThat(token(clientId, secret)).isEqualTo(200);

		BackChannel.Reply rotated = admin("POST", "/admin/clients/" + clientId + "/secret", "");
		assertThat(rotated.status()).isEqualTo(200);
		assertThat(token(clientId, secret)).isEqualTo(401);
		assertThat(token(clientId, rotated.string("clientSecret"))).isEqualTo(200);

		BackChannel.Reply updated = admin("PUT", "/admin/clients/" + clientId, """
				{"clientName":"Hourly export","clientType":"confidential","grantTypes":["client_credentials"],
				 "scopes":["orders.read","orders.write"],"signingAlgorithm":"ES256"}""");
		assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
		assertThat(updated.json()).containsEntry("clientName", "Hourly export")
			.containsEntry("signingAlgorithm", "ES256")
			.containsEntry("scopes", List.of("orders.read", "orders.write"));
		assertThat(admin("GET", "/admin/clients/" + clientId, null).json()).containsEntry("clientName", "Hourly export");
		assertThat(admin("GET", "/admin/clients", null).raw().body()).contains(clientId).contains(Demo.SHOP);

		assertThat(admin("DELETE", "/admin/clients/" + clientId, null).status()).isEqualTo(204);
		assertThat(admin("GET", "/admin/clients/" + clientId, null).status()).isEqualTo(404);
		assertThat(token(clientId, rotated.string("clientSecret"))).isEqualTo(401);
	}

	@Test
	void createWhenRegistrationUnsafeOrTakenThenProblem() {
		assertProblem(admin("POST", "/admin/clients", SERVICE.formatted(Demo.SHOP)), 409);
		assertProblem(admin("POST", "/admin/clients", """
				{"clientId":"bad-uri","clientName":"x","grantTypes":["authorization_code"],
				 "redirectUris":["https://shop.example/cb#fragment"]}"""), 400);
		assertProblem(admin("POST", "/admin/clients", """
				{"clientId":"bad-http","clientName":"x","grantTypes":["authorization_code"],
				 "redirectUris":["http://shop.example/cb"]}"""), 400);
		assertProblem(admin("POST", "/admin/clients", """
				{"clientId":"bad-public","clientName":"x","clientType":"public","grantTypes":["client_credentials"]}"""),
				400);
		assertProblem(admin("POST", "/admin/clients", """
				{"clientId":"bad id!","clientName":"x","grantTypes":["client_credentials"]}"""), 400);
		assertProblem(admin("POST", "/admin/clients", "{\"clientId\":"), 400);
		assertProblem(admin("DELETE", "/admin/clients/no-such-client", null), 404);
	}

	@Test
	void createWhenClientIdNamesAUserThenConflictAndNothingStored() {
		BackChannel.Reply refused = admin("POST", "/admin/clients", SERVICE.formatted(Demo.USERNAME));
		assertProblem(refused, 409);
		assertThat(refused.string("detail")).contains("user").contains("sub");
		assertThat(admin("GET", "/admin/clients/" + Demo.USERNAME, null).status()).isEqualTo(404);
	}

	@Test
	void createWhenNativeAppThenShownAsNativeAndOtherClientsAsWebNonOperators() {
		String clientId = "native-" + System.nanoTime();
		BackChannel.Reply created = admin("POST", "/admin/clients", """
				{"clientId":"%s","clientName":"Desktop app","clientType":"public","applicationType":"native",
				 "grantTypes":["authorization_code"],"redirectUris":["http://127.0.0.1/callback"],"scopes":["openid"]}"""
			.formatted(clientId));
		assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
		assertThat(admin("GET", "/admin/clients/" + clientId, null).json()).containsEntry("applicationType", "native")
			.containsEntry("operator", false)
			.containsEntry("clientType", "public");
		assertThat(admin("GET", "/admin/clients/" + Demo.SPA, null).json())
			.containsEntry("applicationType", "web")
			.containsEntry("operator", false);
		assertThat(admin("GET", "/admin/clients/" + Demo.ADMIN, null).json())
			.containsEntry("operator", true)
			.containsEntry("scopes", List.of(Demo.ADMIN_SCOPE));
	}

	@Test
	void clientWhenBackChannelLogoutRegisteredThenShownKeptAcrossUpdatesAndRemovable() {
		String clientId = "bcl-" + System.nanoTime();
		String web = """
				{"clientId":"%s","clientName":"Shop two","grantTypes":["authorization_code"],
				 "redirectUris":["https://shop-two.example/cb"],"scopes":["openid"]%s}""";
		BackChannel.Reply created = admin("POST", "/admin/clients", web.formatted(clientId,
				",\"backchannelLogoutUri\":\"https://shop-two.example/logout?a=1,2\",\"backchannelLogoutSessionRequired\":true"));
		assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
		assertThat(admin("GET", "/admin/clients/" + clientId, null).json())
			.containsEntry("backchannelLogoutUri", "https://shop-two.example/logout?a=1,2")
			.containsEntry("backchannelLogoutSessionRequired", true);

		BackChannel.Reply renamed = admin("PUT", "/admin/clients/" + clientId, web.formatted(clientId,
				",\"backchannelLogoutUri\":\"https://shop-two.example/bcl\""));
		assertThat(renamed.json()).containsEntry("backchannelLogoutUri", "https://shop-two.example/bcl")
			.containsEntry("backchannelLogoutSessionRequired", false);

		BackChannel.Reply removed = admin("PUT", "/admin/clients/" + clientId, web.formatted(clientId, ""));
		assertThat(removed.json()).containsEntry("backchannelLogoutUri", null)
			.containsEntry("backchannelLogoutSessionRequired", false);
		assertThat(admin("GET", "/admin/clients/" + clientId, null).json()).containsEntry("backchannelLogoutUri", null);
		assertThat(admin("GET", "/admin/clients/" + Demo.SPA, null).json()).containsEntry("backchannelLogoutUri",
				null);
	}

	@Test
	void createWhenBackChannelLogoutUriUnsafeThenRefusedNamingItAndNothingStored() {
		String clientId = "bad-bcl-" + System.nanoTime();
		AdminCalls.assertRefused(admin("POST", "/admin/clients", """
				{"clientId":"%s","clientName":"x","grantTypes":["authorization_code"],
				 "redirectUris":["https://x.example/cb"],"backchannelLogoutUri":"http://x.example/bcl"}"""
			.formatted(clientId)), "backchannelLogoutUri");
		assertProblem(admin("POST", "/admin/clients", """
				{"clientId":"%s","clientName":"x","grantTypes":["authorization_code"],
				 "redirectUris":["https://x.example/cb"],"backchannelLogoutUri":["https://x.example/bcl"]}"""
			.formatted(clientId)), 400);
		assertThat(admin("GET", "/admin/clients/" + clientId, null).status()).isEqualTo(404);
	}

	private int token(String clientId, String secret) {
		return this.backChannel.postBasic("/oauth2/token", clientId, secret,
				Map.of("grant_type", List.of("client_credentials"))).status();
	}

	private BackChannel.Reply admin(String method, String path, String json) {
		return this.admin.asDemoAdmin(method, path, json);
	}

}
