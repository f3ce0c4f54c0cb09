package dev.failsafe.idp.server.admin;

import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.testing.signin.BackChannel;
import org.junit.jupiter.api.Test;

import static dev.failsafe.idp.server.admin.AdminCalls.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients API's protocol options: the public keys a client signs request objects with
 * ({@code jwks}), pushed authorization requests required, DPoP-bound tokens required, and the device
 * grant; each shown back as registered, bad ones refused naming the member.
 */
class AdminClientProtocolOptionsTest extends ProviderIntegrationTest {

	private final AdminCalls admin = new AdminCalls(PROVIDER, this.backChannel);

	@Test
	void createWhenProtocolOptionsThenShownBackAsRegistered() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
		String json = "{\"clientId\":\"options-client\",\"clientName\":\"Options\",\"clientType\":\"public\","
				+ "\"grantTypes\":[\"authorization_code\",\"urn:ietf:params:oauth:grant-type:device_code\"],"
				+ "\"redirectUris\":[\"https://app.example/cb\"],\"scopes\":[\"openid\"],"
				+ "\"jwks\":{\"keys\":[" + key.toPublicJWK().toJSONString() + "]},"
				+ "\"requirePushedAuthorizationRequests\":true,\"dpopBoundAccessTokens\":true}";
		BackChannel.Reply created = this.admin.asDemoAdmin("POST", "/admin/clients", json);
		assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
		@SuppressWarnings("unchecked")
		Map<String, Object> client = (Map<String, Object>) created.json().get("client");
		assertThat(client).containsEntry("requirePushedAuthorizationRequests", true)
			.containsEntry("dpopBoundAccessTokens", true);
		assertThat(client.get("grantTypes")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.contains("urn:ietf:params:oauth:grant-type:device_code");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> keys = (List<Map<String, Object>>) ((Map<String, Object>) client.get("jwks")).get("keys");
		assertThat(keys).singleElement().satisfies(jwk -> assertThat(jwk).containsEntry("kid", "k1")
			.containsEntry("n", key.getModulus().toString())
			.doesNotContainKeys("d", "p", "q"));
	}

	@Test
	void createWhenJwksHoldsAPrivateKeyOrIsNoKeySetThenRefusedNamingJwks() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
		for (String jwks : List.of("{\"keys\":[" + key.toJSONString() + "]}", "{\"keys\":[]}", "{\"no\":1}",
				"{\"keys\":[" + new RSAKeyGenerator(1024, true).generate().toPublicJWK().toJSONString() + "]}")) {
			String json = "{\"clientId\":\"bad-keys\",\"clientName\":\"Bad\",\"clientType\":\"public\","
					+ "\"grantTypes\":[\"authorization_code\"],\"redirectUris\":[\"https://app.example/cb\"],"
					+ "\"scopes\":[\"openid\"],\"jwks\":" + jwks + "}";
			assertRefused(this.admin.asDemoAdmin("POST", "/admin/clients", json), "jwks");
		}
		assertThat(this.admin.asDemoAdmin("GET", "/admin/clients/bad-keys", null).status()).isEqualTo(404);
	}

}
