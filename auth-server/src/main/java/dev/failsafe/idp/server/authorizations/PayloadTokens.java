package dev.failsafe.idp.server.authorizations;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.failsafe.idp.server.encoding.CompactClaims;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;

/**
 * One token in an {@link AuthorizationPayload} (an element of member {@code t}): {@code k} kind,
 * {@code h} hash prefix, {@code i}/{@code e} issued and expiry times, {@code n} invalidated,
 * {@code f} format, {@code y} type unless Bearer, {@code s} scopes unless the authorized ones,
 * {@code cl} claims ({@link CompactClaims}, with references to what the authorization knows),
 * {@code m} other metadata (typed JSON).
 */
final class PayloadTokens {

	private static final String FORMAT = OAuth2TokenFormat.class.getName();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JsonMapper typed;

	PayloadTokens(JsonMapper typed) {
		this.typed = typed;
	}

	void write(JsonGenerator json, AuthorizationCodec.TokenKind kind, String hash,
			OAuth2Authorization.Token<? extends OAuth2Token> token, Set<String> authorizedScopes,
			Map<String, Object> references) {
		OAuth2Token value = token.getToken();
		Map<String, Object> metadata = new HashMap<>(token.getMetadata());
		json.writeStartObject();
		json.writeStringProperty("k", kind.code());
		json.writeStringProperty("h", hash);
		writeInstant(json, "i", value.getIssuedAt());
		writeInstant(json, "e", value.getExpiresAt());
		if (Boolean.TRUE.equals(metadata.remove(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME))) {
			json.writeBooleanProperty("n", true);
		}
		if (metadata.get(FORMAT) instanceof String format) {
			metadata.remove(FORMAT);
			json.writeStringProperty("f", format);
		}
		if (value instanceof OAuth2AccessToken access) {
			if (!OAuth2AccessToken.TokenType.BEARER.equals(access.getTokenType())) {
				json.writeStringProperty("y", access.getTokenType().getValue());
			}
			if (!access.getScopes().equals(authorizedScopes)) {
				AuthorizationPayload.writeStrings(json, "s", access.getScopes());
			}
		}
		if (metadata.get(OAuth2Authorization.Token.CLAIMS_METADATA_NAME) instanceof Map<?, ?> claims
				&& CompactClaims.fits(stringKeyed(claims))) {
			metadata.remove(OAuth2Authorization.Token.CLAIMS_METADATA_NAME);
			json.writeName("cl");
			CompactClaims.write(json, stringKeyed(claims), references);
		}
		if (!metadata.isEmpty()) {
			json.writeStringProperty("m", this.typed.writeValueAsString(metadata));
		}
		json.writeEndObject();
	}

	void read(OAuth2Authorization.Builder builder, JsonNode node, Set<String> authorizedScopes,
			String hash, String presentedHash, String presentedValue, OAuth2Authorization authorization,
			RegisteredClient client, OAuth2AuthorizationRequest request) {
		String value = AuthorizationCodec.restore(hash, presentedHash, presentedValue);
		Instant issuedAt = instant(node.get("i"));
		Instant expiresAt = instant(node.get("e"));
		Set<String> scopes = node.has("s") ? AuthorizationPayload.strings(node.get("s")) : authorizedScopes;
		Map<String, Object> metadata = new HashMap<>();
		if (node.hasNonNull("m")) {
			metadata.putAll(this.typed.readValue(node.get("m").asString(), MAP));
		}
		metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, node.path("n").asBoolean(false));
		if (node.hasNonNull("f")) {
			metadata.put(FORMAT, node.get("f").asString());
		}
		if (node.hasNonNull("cl")) {
			metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, CompactClaims.read(node.get("cl"),
					references(authorization, client, request, issuedAt, expiresAt, scopes)));
		}
		OAuth2Token token = switch (node.get("k").asString()) {
			case "c" -> new OAuth2AuthorizationCode(value, issuedAt, expiresAt);
			case "a" -> new OAuth2AccessToken(
					AuthorizationCodec.accessTokenType(node.hasNonNull("y") ? node.get("y").asString() : null), value,
					issuedAt, expiresAt, scopes);
			case "r" -> new OAuth2RefreshToken(value, issuedAt, expiresAt);
			case "i" -> new OidcIdToken(value, issuedAt, expiresAt, claims(metadata));
			default -> throw new IllegalArgumentException("Unknown token kind " + node.get("k"));
		};
		builder.token(token, meta -> meta.putAll(metadata));
	}

	/** What a token's claims may name instead of repeating it ({@link CompactClaims}'s references). */
	static Map<String, Object> references(OAuth2Authorization authorization, RegisteredClient client,
			OAuth2AuthorizationRequest request, OAuth2Token token) {
		Set<String> scopes = (token instanceof OAuth2AccessToken access) ? access.getScopes()
				: authorization.getAuthorizedScopes();
		return references(authorization, client, request, token.getIssuedAt(), token.getExpiresAt(), scopes);
	}

	/**
	 * {@code i} and {@code e} the token's issue and expiry times, {@code p} the principal's name,
	 * {@code c} the client id and {@code a} the one-element audience of it, {@code s} the token's
	 * scopes as the {@code scope} claim writes them (sorted, space-separated), {@code n} the
	 * request's {@code nonce}.
	 */
	private static Map<String, Object> references(OAuth2Authorization authorization, RegisteredClient client,
			OAuth2AuthorizationRequest request, Instant issuedAt, Instant expiresAt, Set<String> scopes) {
		Map<String, Object> references = new LinkedHashMap<>();
		references.put("i", issuedAt);
		references.put("e", expiresAt);
		references.put("p", authorization.getPrincipalName());
		if (client != null) {
			references.put("c", client.getClientId());
			references.put("a", List.of(client.getClientId()));
		}
		references.put("s", String.join(" ", new TreeSet<>(scopes)));
		if (request != null && request.getAdditionalParameters().get("nonce") instanceof String nonce) {
			references.put("n", nonce);
		}
		return references;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> claims(Map<String, Object> metadata) {
		return (Map<String, Object>) metadata.get(OAuth2Authorization.Token.CLAIMS_METADATA_NAME);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> stringKeyed(Map<?, ?> claims) {
		return (Map<String, Object>) claims;
	}

	private static void writeInstant(JsonGenerator json, String name, Instant instant) {
		if (instant != null) {
			json.writeNumberProperty(name, CompactClaims.epochNanos(instant));
		}
	}

	private static Instant instant(JsonNode node) {
		return (node == null || node.isNull()) ? null : CompactClaims.instant(node.longValue());
	}

}
