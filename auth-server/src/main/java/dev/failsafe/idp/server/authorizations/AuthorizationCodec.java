package dev.failsafe.idp.server.authorizations;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Turns an {@link OAuth2Authorization} into the store's payload and back, keeping token values out
 * of the payload: each token is stored by its {@link TokenHash}, and so is the consent
 * {@code state}.
 *
 * <p>Payload layout (JSON): {@code registeredClientId}, {@code principalName}, {@code grantType},
 * {@code scopes}, {@code attributes} (Spring Security's typed JSON), and {@code tokens}: an array of
 * {@code {kind, hash, issuedAt, expiresAt, metadata, [tokenType, scopes]}} with kind one of
 * {@code code}, {@code access}, {@code refresh}, {@code id}.
 */
final class AuthorizationCodec {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JsonMapper json;

	AuthorizationCodec() {
		// Claims hold numbers such as updated_at (a Long); the allow-list stays Spring Security's otherwise.
		List<JacksonModule> modules = SecurityJacksonModules.getModules(AuthorizationCodec.class.getClassLoader(),
				BasicPolymorphicTypeValidator.builder().allowIfSubType(Long.class));
		this.json = JsonMapper.builder().addModules(modules).build();
	}

	/** What the store needs: the payload, the live hashes and when it may forget it all. */
	record Encoded(String payload, Set<String> tokenHashes, Instant expiresAt, String refreshTokenHash) {
	}

	Encoded encode(OAuth2Authorization authorization, Instant pendingExpiry) {
		Set<String> hashes = new LinkedHashSet<>();
		ObjectNode root = this.json.createObjectNode();
		root.put("registeredClientId", authorization.getRegisteredClientId());
		root.put("principalName", authorization.getPrincipalName());
		root.put("grantType", authorization.getAuthorizationGrantType().getValue());
		ArrayNode scopes = root.putArray("scopes");
		authorization.getAuthorizedScopes().forEach(scopes::add);

		Map<String, Object> attributes = new HashMap<>(authorization.getAttributes());
		attributes.remove(StoredAuthorizationService.VERSION_ATTRIBUTE);
		Object state = attributes.get(OAuth2ParameterNames.STATE);
		if (state instanceof String stateValue) {
			String stateHash = TokenHash.of(stateValue);
			hashes.add(stateHash);
			attributes.put(OAuth2ParameterNames.STATE, TokenHash.placeholder(stateHash));
		}
		root.put("attributes", this.json.writeValueAsString(attributes));

		Instant expiresAt = null;
		String refreshHash = null;
		ArrayNode tokens = root.putArray("tokens");
		for (TokenKind kind : TokenKind.values()) {
			OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(kind.type);
			if (token == null) {
				continue;
			}
			OAuth2Token value = token.getToken();
			String hash = TokenHash.of(value.getTokenValue());
			hashes.add(hash);
			if (kind == TokenKind.REFRESH) {
				refreshHash = hash;
			}
			ObjectNode node = tokens.addObject();
			node.put("kind", kind.name());
			node.put("hash", hash);
			node.put("issuedAt", String.valueOf(value.getIssuedAt()));
			node.put("expiresAt", String.valueOf(value.getExpiresAt()));
			node.put("metadata", this.json.writeValueAsString(token.getMetadata()));
			if (value instanceof OAuth2AccessToken accessToken) {
				node.put("tokenType", accessToken.getTokenType().getValue());
				ArrayNode accessScopes = node.putArray("scopes");
				accessToken.getScopes().forEach(accessScopes::add);
			}
			if (value.getExpiresAt() != null && (expiresAt == null || value.getExpiresAt().isAfter(expiresAt))) {
				expiresAt = value.getExpiresAt();
			}
		}
		return new Encoded(root.toString(), hashes, (expiresAt != null) ? expiresAt : pendingExpiry, refreshHash);
	}

	/** Reads only the client id, to find the registration needed to rebuild the authorization. */
	String registeredClientId(String payload) {
		return this.json.readTree(payload).get("registeredClientId").asString();
	}

	/**
	 * The hash of the refresh token a payload holds, or null: read straight from the payload, since
	 * the store needs it on every save and a full decode would also look up the client.
	 */
	String refreshTokenHash(String payload) {
		for (JsonNode token : this.json.readTree(payload).get("tokens")) {
			if (TokenKind.REFRESH.name().equals(token.get("kind").asString())) {
				return token.get("hash").asString();
			}
		}
		return null;
	}

	/**
	 * Rebuilds the authorization. Tokens whose hash is {@code presentedHash} get
	 * {@code presentedValue} back; the others carry placeholders.
	 */
	OAuth2Authorization decode(String id, String payload, RegisteredClient client, String presentedValue) {
		String presentedHash = (presentedValue != null) ? TokenHash.ofPresented(presentedValue) : null;
		JsonNode root = this.json.readTree(payload);
		OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(client)
			.id(id)
			.principalName(root.get("principalName").asString())
			.authorizationGrantType(new AuthorizationGrantType(root.get("grantType").asString()))
			.authorizedScopes(strings(root.get("scopes")));
		Map<String, Object> attributes = this.json.readValue(root.get("attributes").asString(), MAP);
		if (attributes.get(OAuth2ParameterNames.STATE) instanceof String statePlaceholder) {
			attributes.put(OAuth2ParameterNames.STATE,
					restore(TokenHash.of(statePlaceholder), presentedHash, presentedValue));
		}
		builder.attributes(attrs -> attrs.putAll(attributes));

		for (JsonNode node : root.get("tokens")) {
			TokenKind kind = TokenKind.valueOf(node.get("kind").asString());
			String value = restore(node.get("hash").asString(), presentedHash, presentedValue);
			Instant issuedAt = instant(node.get("issuedAt"));
			Instant expiresAt = instant(node.get("expiresAt"));
			Map<String, Object> metadata = this.json.readValue(node.get("metadata").asString(), MAP);
			OAuth2Token token = switch (kind) {
				case CODE -> new OAuth2AuthorizationCode(value, issuedAt, expiresAt);
				case ACCESS -> new OAuth2AccessToken(accessTokenType(node.get("tokenType").asString()), value,
						issuedAt, expiresAt, strings(node.get("scopes")));
				case REFRESH -> new OAuth2RefreshToken(value, issuedAt, expiresAt);
				case ID -> new OidcIdToken(value, issuedAt, expiresAt, claims(metadata));
				case DEVICE -> new OAuth2DeviceCode(value, issuedAt, expiresAt);
				case USER -> new OAuth2UserCode(value, issuedAt, expiresAt);
			};
			builder.token(token, meta -> meta.putAll(metadata));
		}
		return builder.build();
	}

	private static String restore(String hash, String presentedHash, String presentedValue) {
		return hash.equals(presentedHash) ? presentedValue : TokenHash.placeholder(hash);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> claims(Map<String, Object> metadata) {
		return (Map<String, Object>) metadata.get(OAuth2Authorization.Token.CLAIMS_METADATA_NAME);
	}

	private static OAuth2AccessToken.TokenType accessTokenType(String value) {
		return OAuth2AccessToken.TokenType.DPOP.getValue().equalsIgnoreCase(value) ? OAuth2AccessToken.TokenType.DPOP
				: OAuth2AccessToken.TokenType.BEARER;
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

	/** The token kinds this provider issues, the device grant's codes (RFC 8628) included. */
	private enum TokenKind {

		CODE(OAuth2AuthorizationCode.class), ACCESS(OAuth2AccessToken.class), REFRESH(OAuth2RefreshToken.class),
		ID(OidcIdToken.class), DEVICE(OAuth2DeviceCode.class), USER(OAuth2UserCode.class);

		private final Class<? extends OAuth2Token> type;

		TokenKind(Class<? extends OAuth2Token> type) {
			this.type = type;
		}

	}

}
