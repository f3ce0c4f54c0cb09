package dev.failsafe.idp.server.admin;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API's key operations over HTTP with real admin tokens: who may call it, list, emergency
 * rotation (a token signed before still verifies, the new key signs at once), revocation (the key
 * leaves the JWKS), backup and idempotent restore, problem details and audit lines.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminKeysApiTest extends ProviderIntegrationTest {

	@Autowired
	private RegisteredClientRepository clients;

	@Test
	void adminApiWhenNoTokenOrNoAdminScopeThenProblemDetails() {
		BackChannel.Reply anonymous = this.backChannel.send(HttpRequest.newBuilder(PROVIDER.uri("/admin/keys")).build());
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(anonymous.json()).containsEntry("status", 401).containsEntry("instance", "/admin/keys");

		String partnerToken = token(Demo.PARTNER_API, Demo.PARTNER_API_SECRET, "orders.read");
		BackChannel.Reply partner = this.backChannel.getBearer("/admin/keys", partnerToken);
		assertThat(partner.status()).isEqualTo(403);
		assertThat(partner.raw().headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(value -> assertThat(value).contains("insufficient_scope"));

		BackChannel.Reply forged = this.backChannel.getBearer("/admin/keys", partnerToken + "x");
		assertThat(forged.status()).isEqualTo(401);
	}

	@Test
	void keysWhenListedThenEveryKeyWithDerivedStateAndNoPrivateMaterial() {
		BackChannel.Reply keys = adminGet("/admin/keys");
		assertThat(keys.status()).isEqualTo(200);
		assertThat(keys.raw().body()).doesNotContain("sealed").doesNotContain("\"d\"");
		assertThat(keys.raw().body()).contains("\"state\":\"SIGNING\"").contains("RS256").contains("ES256");
	}

	@Test
	void rotateWhenEmergencyThenNewKeySignsAtOnceAndOldTokensStillVerify(CapturedOutput output) throws Exception {
		String clientId = es256Client();
		SignedJWT before = SignedJWT.parse(token(clientId, "es256-secret"));

		BackChannel.Reply rotated = adminPost("/admin/keys/rotate", "{\"algorithm\":\"ES256\"}");
		assertThat(rotated.status()).as(rotated.raw().body()).isEqualTo(201);
		assertThat(rotated.json()).containsEntry("state", "SIGNING").containsEntry("algorithm", "ES256");
		String newKid = rotated.string("kid");

		SignedJWT after = SignedJWT.parse(token(clientId, "es256-secret"));
		assertThat(after.getHeader().getKeyID()).isEqualTo(newKid).isNotEqualTo(before.getHeader().getKeyID());
		JWKSet jwks = jwks();
		assertThat(before.verify(new ECDSAVerifier(jwks.getKeyByKeyId(before.getHeader().getKeyID()).toECKey())))
			.isTrue();
		assertThat(output.getAll()).contains("key.emergency-rotated").contains(newKid);

		BackChannel.Reply revoked = adminPost("/admin/keys/" + before.getHeader().getKeyID() + "/revoke", "");
		assertThat(revoked.status()).isEqualTo(200);
		assertThat(revoked.json()).containsEntry("state", "REVOKED");
		assertThat(jwks().getKeyByKeyId(before.getHeader().getKeyID())).isNull();
		assertThat(output.getAll().lines().filter(line -> line.contains("admin.post")))
			.anySatisfy(line -> assertThat(line).contains(Demo.ADMIN).contains("/revoke").contains("200"));

		BackChannel.Reply unknown = adminPost("/admin/keys/no-such-kid/revoke", "");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void restoreWhenBackupRestoredTwiceThenNothingAddedAndTamperedBackupRefused() {
		BackChannel.Reply backup = adminGet("/admin/keys/backup");
		assertThat(backup.status()).isEqualTo(200);
		String sealed = backup.string("backup");
		assertThat(sealed).doesNotContain("kid");

		String body = "{\"backup\":\"" + sealed + "\"}";
		BackChannel.Reply restored = adminPost("/admin/keys/restore", body);
		assertThat(restored.status()).isEqualTo(200);
		assertThat(restored.json()).containsEntry("keysAdded", 0).containsEntry("revocationsAdded", 0);

		String tampered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
		BackChannel.Reply refused = adminPost("/admin/keys/restore", "{\"backup\":\"" + tampered + "\"}");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");

		BackChannel.Reply malformed = adminPost("/admin/keys/restore", "{not json");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void sitesWhenEmbeddedDefaultThenOneLocalMemberHoldingEveryKey() {
		BackChannel.Reply sites = adminGet("/admin/sites");
		assertThat(sites.status()).isEqualTo(200);
		assertThat(sites.json()).containsEntry("localSite", "local").containsEntry("redis", null);
		assertThat(sites.raw().body()).contains("\"local\":true");
		List<?> keyRing = (List<?>) sites.json().get("keyRing");
		assertThat(keyRing).hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy(entry -> assertThat(((Map<?, ?>) entry).keySet()).map(String::valueOf).containsExactlyInAnyOrder("kid", "partition", "primary", "backups"));
	}

	private String es256Client() {
		String clientId = "admin-test-es256-" + System.nanoTime();
		this.clients.save(RegisteredClient.withId(clientId)
			.clientId(clientId)
			.clientName("ES256")
			.clientSecret("{sha256}" + new dev.failsafe.idp.server.clients.Sha256SecretEncoder().encode("es256-secret"))
			.clientAuthenticationMethod(org.springframework.security.oauth2.core.ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(org.springframework.security.oauth2.core.AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("orders.read")
			.tokenSettings(TokenSettings.builder().idTokenSignatureAlgorithm(SignatureAlgorithm.ES256).build())
			.build());
		return clientId;
	}

	private String token(String clientId, String secret) {
		return token(clientId, secret, null);
	}

	private String token(String clientId, String secret, String scope) {
		Map<String, List<String>> form = new java.util.HashMap<>(Map.of("grant_type", List.of("client_credentials")));
		if (scope != null) {
			form.put("scope", List.of(scope));
		}
		BackChannel.Reply reply = this.backChannel.postBasic("/oauth2/token", clientId, secret, form);
		assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
		return reply.string("access_token");
	}

	private BackChannel.Reply adminGet(String path) {
		return this.backChannel.getBearer(path, token(Demo.ADMIN, Demo.ADMIN_SECRET, Demo.ADMIN_SCOPE));
	}

	private BackChannel.Reply adminPost(String path, String json) {
		return this.backChannel.send(HttpRequest.newBuilder(PROVIDER.uri(path))
			.header("Authorization", "Bearer " + token(Demo.ADMIN, Demo.ADMIN_SECRET, Demo.ADMIN_SCOPE))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	private JWKSet jwks() throws Exception {
		return JWKSet.parse(this.backChannel.send(HttpRequest.newBuilder(PROVIDER.uri("/oauth2/jwks")).build())
			.raw()
			.body());
	}

}
