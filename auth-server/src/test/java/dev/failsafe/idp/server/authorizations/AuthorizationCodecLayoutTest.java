package dev.failsafe.idp.server.authorizations;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static dev.failsafe.idp.server.authorizations.CodecFixtures.PARTNER;
import static dev.failsafe.idp.server.authorizations.CodecFixtures.SHOP;
import static dev.failsafe.idp.server.authorizations.CodecFixtures.T;
import static dev.failsafe.idp.server.authorizations.CodecFixtures.clientCredentials;
import static dev.failsafe.idp.server.authorizations.CodecFixtures.codeFlow;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store payload as stored: the layout is the documented one, the sizes stay within their bounds,
 * and payloads of earlier versions still read.
 */
class AuthorizationCodecLayoutTest {

	private final AuthorizationCodec codec = new AuthorizationCodec();

	@Test
	void encodeWhenCodeFlowThenDocumentedLayoutWithoutTokenValuesOrTypeNames() {
		String payload = this.codec.encode(codeFlow(), SHOP, T).payload();
		JsonNode root = JsonMapper.builder().build().readTree(payload);

		assertThat(new TreeSet<>(root.propertyNames())).containsExactly("c", "g", "ls", "p", "r", "s", "t", "v");
		assertThat(root.get("v").asInt()).isEqualTo(2);
		assertThat(new TreeSet<>(root.get("r").propertyNames())).as("client id and scopes as authorized: left out")
			.containsExactly("ru", "st", "u", "x");
		assertThat(new TreeSet<>(root.get("p").propertyNames())).containsExactly("a", "d", "n", "ua");
		assertThat(root.get("t")).extracting(token -> token.get("k").asString()).containsExactly("c", "a", "r", "i");
		assertThat(new TreeSet<>(root.get("t").get(1).propertyNames())).containsExactly("cl", "e", "f", "h", "i", "k");
		assertThat(root.get("t").get(1).get("cl").propertyNames()).contains("iss~u", "exp~r", "sub~r", "jti");
		assertThat(root.get("t").get(1).get("h").asString()).hasSize(HashPrefixes.MINIMUM);
		assertThat(payload).doesNotContain("access-token-value", "refresh-token-value", "code-value", "id-token-value",
				"@class", "java.");
	}

	@Test
	void encodeWhenCodeFlowOrClientCredentialsThenWithinTheirSizeBounds() {
		assertThat(this.codec.encode(codeFlow(), SHOP, T).payload()).hasSizeLessThanOrEqualTo(1_620);
		assertThat(this.codec.encode(clientCredentials(), PARTNER, T).payload()).hasSizeLessThanOrEqualTo(500);
	}

	@Test
	void decodeWhenPayloadOfAnEarlierVersionThenRead() {
		String legacy = """
				{"registeredClientId":"858b6b8b-4bc1-48bf-a127-9ef5c3677631","principalName":"alice","grantType":"client_credentials","scopes":["orders.read"],\
				"attributes":"{\\"@class\\":\\"java.util.HashMap\\",\\"dev.failsafe.idp.client-secret\\":\\"5D0E\\"}",\
				"tokens":[{"kind":"ACCESS","hash":"%s","issuedAt":"2026-12-04T21:06:28.628052146Z","expiresAt":"2026-12-04T21:11:28.628052146Z",\
				"metadata":"{\\"@class\\":\\"java.util.Collections$UnmodifiableMap\\",\\"metadata.token.claims\\":{\\"@class\\":\\"java.util.Collections$UnmodifiableMap\\",\\"sub\\":\\"alice\\",\\"exp\\":[\\"java.time.Instant\\",1796418688.628052146]},\\"metadata.token.invalidated\\":false}",\
				"tokenType":"Bearer","scopes":["orders.read"]}]}"""
			.formatted(TokenHash.of("old-access-token"));

		OAuth2Authorization decoded = this.codec.decode("old", "", Set.of(TokenHash.of("old-access-token")), legacy,
				SHOP, "old-access-token");

		assertThat(this.codec.registeredClientId(legacy)).isEqualTo(SHOP.getId());
		assertThat(decoded.getPrincipalName()).isEqualTo("alice");
		assertThat(decoded.<String>getAttribute(ClientSecretBinding.ATTRIBUTE)).isEqualTo("5D0E");
		assertThat(decoded.getAccessToken().getToken().getTokenValue()).isEqualTo("old-access-token");
		assertThat(decoded.getAccessToken().getClaims()).containsEntry("exp",
				Instant.parse("2026-12-04T21:11:28.628052146Z"));
	}

	@Test
	void decodeWhenDeviceGrantThenItsUserIsTheRecordsPrincipalAndAnEarlierReleasesPnStillRead() {
		RegisteredClient tv = RegisteredClient.withId("0b0e5c1e-7d1a-4c55-9f5e-3c1e6f0a7d21")
			.clientId("demo-tv")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
			.scope("profile")
			.build();
		OAuth2Authorization approved = OAuth2Authorization.withRegisteredClient(tv)
			.id("device")
			.principalName("alice")
			.authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
			.authorizedScopes(Set.of("profile"))
			.build();
		String payload = this.codec.encode(approved, tv, T).payload();
		JsonNode root = JsonMapper.builder().build().readTree(payload);
		assertThat(root.has("pn")).as("the record's principal follows the approving user").isFalse();
		assertThat(this.codec.decode("device", "alice", Set.of(), payload, tv, null).getPrincipalName())
			.isEqualTo("alice");

		// Written by an earlier release: the record kept the device's client, the payload named the user.
		String earlier = payload.replaceFirst("\\{", "{\"pn\":\"alice\",");
		assertThat(this.codec.decode("device", "demo-tv", Set.of(), earlier, tv, null).getPrincipalName())
			.isEqualTo("alice");
	}

}
