package dev.failsafe.idp.server.authorizations;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Reads the payload earlier versions wrote (records live at most a refresh token's lifetime, so a
 * node upgraded meanwhile still reads them): JSON with {@code registeredClientId},
 * {@code principalName}, {@code grantType}, {@code scopes}, {@code attributes} (Spring Security's
 * typed JSON) and {@code tokens}, an array of {@code {kind, hash, issuedAt, expiresAt, metadata,
 * [tokenType, scopes]}} with kind one of {@code CODE}, {@code ACCESS}, {@code REFRESH}, {@code ID}.
 * Nothing writes it any more.
 */
final class LegacyAuthorizationPayload {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JsonMapper typed;

	LegacyAuthorizationPayload(JsonMapper typed) {
		this.typed = typed;
	}

	/** Whether {@code root} is such a payload. */
	static boolean isLegacy(JsonNode root) {
		return root.has("registeredClientId");
	}

	static String registeredClientId(JsonNode root) {
		return root.get("registeredClientId").asString();
	}

	static String refreshTokenHash(JsonNode root) {
		for (JsonNode token : root.get("tokens")) {
			if ("REFRESH".equals(token.get("kind").asString())) {
				return token.get("hash").asString();
			}
		}
		return null;
	}

	OAuth2Authorization decode(String id, JsonNode root, RegisteredClient client, String presentedHash,
			String presentedValue) {
		OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(client)
			.id(id)
			.principalName(root.get("principalName").asString())
			.authorizationGrantType(new AuthorizationGrantType(root.get("grantType").asString()))
			.authorizedScopes(strings(root.get("scopes")));
		Map<String, Object> attributes = this.typed.readValue(root.get("attributes").asString(), MAP);
		if (attributes.get(OAuth2ParameterNames.STATE) instanceof String statePlaceholder) {
			attributes.put(OAuth2ParameterNames.STATE,
					AuthorizationCodec.restore(TokenHash.of(statePlaceholder), presentedHash, presentedValue));
		}
		builder.attributes(attrs -> attrs.putAll(attributes));
		for (JsonNode node : root.get("tokens")) {
			String value = AuthorizationCodec.restore(node.get("hash").asString(), presentedHash, presentedValue);
			Instant issuedAt = instant(node.get("issuedAt"));
			Instant expiresAt = instant(node.get("expiresAt"));
			Map<String, Object> metadata = this.typed.readValue(node.get("metadata").asString(), MAP);
			OAuth2Token token = switch (node.get("kind").asString()) {
				case "CODE" -> new OAuth2AuthorizationCode(value, issuedAt, expiresAt);
				case "ACCESS" -> new OAuth2AccessToken(AuthorizationCodec.accessTokenType(node.get("tokenType").asString()),
						value, issuedAt, expiresAt, strings(node.get("scopes")));
				case "REFRESH" -> new OAuth2RefreshToken(value, issuedAt, expiresAt);
				case "ID" -> new OidcIdToken(value, issuedAt, expiresAt, claims(metadata));
				default -> throw new IllegalArgumentException("Unknown token kind " + node.get("kind"));
			};
			builder.token(token, meta -> meta.putAll(metadata));
		}
		return builder.build();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> claims(Map<String, Object> metadata) {
		return (Map<String, Object>) metadata.get(OAuth2Authorization.Token.CLAIMS_METADATA_NAME);
	}

	private static Instant instant(JsonNode node) {
		String text = node.asString();
		return "null".equals(text) ? null : Instant.parse(text);
	}

	private static Set<String> strings(JsonNode array) {
		Set<String> values = new HashSet<>();
		array.forEach(element -> values.add(element.asString()));
		return values;
	}

}
