package dev.failsafe.idp.bench.compare;

import java.io.InputStream;
import java.util.List;

import dev.failsafe.idp.bench.load.DemoTenant;
import dev.failsafe.idp.testing.signin.Forms;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keycloak's seeded realm is the provider's demo tenant (same user, clients, secrets, scopes), and
 * the sign-in reads Keycloak's pages the way they are written.
 */
class KeycloakRealmTest {

	@Test
	void realmWhenImportedThenTheDemoTenantsUserAndClients() throws Exception {
		JsonNode realm;
		try (InputStream json = KeycloakContender.class.getResourceAsStream(KeycloakContender.REALM_RESOURCE)) {
			realm = JsonMapper.builder().build().readTree(json);
		}
		DemoTenant tenant = DemoTenant.README;

		assertThat(realm.get("realm").asString()).isEqualTo(KeycloakContender.REALM);
		JsonNode user = realm.get("users").get(0);
		assertThat(user.get("username").asString()).isEqualTo(tenant.username());
		assertThat(user.get("credentials").get(0).get("value").asString()).isEqualTo(tenant.password());
		JsonNode shop = client(realm, tenant.shopId());
		assertThat(shop.get("secret").asString()).isEqualTo(tenant.shopSecret());
		assertThat(shop.get("redirectUris").get(0).asString()).isEqualTo(tenant.shopRedirectUri());
		assertThat(shop.get("consentRequired").asBoolean()).isTrue();
		assertThat(shop.get("attributes").get("pkce.code.challenge.method").asString()).isEqualTo("S256");
		JsonNode partner = client(realm, tenant.serviceId());
		assertThat(partner.get("secret").asString()).isEqualTo(tenant.serviceSecret());
		assertThat(partner.get("serviceAccountsEnabled").asBoolean()).isTrue();
		assertThat(partner.get("optionalClientScopes").toString()).contains(tenant.serviceScope());
		List<String> scopes = realm.get("clientScopes").valueStream().map(scope -> scope.get("name").asString()).toList();
		assertThat(scopes).contains("basic", "profile", "email", tenant.serviceScope());
	}

	@Test
	void fieldWhenKeycloaksLoginAndConsentPagesThenTheirFormActionsAndGrantCode() {
		String login = "<form id=\"kc-form-login\" class=\"pf-v5-c-form\" onsubmit=\"login.disabled = true; return true;\" "
				+ "action=\"http://127.0.0.1:1/realms/demo/login-actions/authenticate?session_code=a&amp;execution=b\" method=\"post\">";
		String consent = "<form class=\"pf-v5-c-form\" action=\"/realms/demo/login-actions/consent?client_id=demo-shop&amp;tab_id=t\" "
				+ "method=\"POST\">\n<input type=\"hidden\" name=\"code\" value=\"grant-code\">";

		assertThat(KeycloakSignIn.action(KeycloakSignIn.LOGIN_FORM, login))
			.isEqualTo("http://127.0.0.1:1/realms/demo/login-actions/authenticate?session_code=a&execution=b");
		assertThat(KeycloakSignIn.action(KeycloakSignIn.FORM_ACTION, consent))
			.isEqualTo("/realms/demo/login-actions/consent?client_id=demo-shop&tab_id=t");
		assertThat(Forms.hiddenField(consent, "code")).isEqualTo("grant-code");
	}

	private static JsonNode client(JsonNode realm, String clientId) {
		return realm.get("clients").valueStream()
			.filter(client -> client.get("clientId").asString().equals(clientId))
			.findFirst()
			.orElseThrow();
	}

}
