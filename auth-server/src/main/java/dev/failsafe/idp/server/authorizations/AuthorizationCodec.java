package dev.failsafe.idp.server.authorizations;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Turns an {@link OAuth2Authorization} into the store's payload and back, keeping token values out
 * of the payload: each token is stored by its {@link TokenHash}, and so is the consent
 * {@code state}. Writes {@link AuthorizationPayload} (version 2, compact); reads it and the payload
 * of earlier versions ({@link LegacyAuthorizationPayload}).
 */
final class AuthorizationCodec {

	private final JsonMapper json;

	private final AuthorizationPayload payload;

	private final LegacyAuthorizationPayload legacy;

	AuthorizationCodec() {
		// Claims hold numbers such as updated_at (a Long); the allow-list stays Spring Security's otherwise.
		List<JacksonModule> modules = SecurityJacksonModules.getModules(AuthorizationCodec.class.getClassLoader(),
				BasicPolymorphicTypeValidator.builder().allowIfSubType(Long.class));
		this.json = JsonMapper.builder().addModules(modules).build();
		this.payload = new AuthorizationPayload(this.json);
		this.legacy = new LegacyAuthorizationPayload(this.json);
	}

	/** What the store needs: the payload, the live hashes and when it may forget it all. */
	record Encoded(String payload, Set<String> tokenHashes, Instant expiresAt, String refreshTokenHash) {
	}

	/** The payload of {@code authorization} of {@code client} (null when it is gone). */
	Encoded encode(OAuth2Authorization authorization, RegisteredClient client, Instant pendingExpiry) {
		Set<String> hashes = new LinkedHashSet<>();
		String encoded = this.payload.encode(authorization, client, hashes);
		Instant expiresAt = null;
		String refreshHash = null;
		for (TokenKind kind : TokenKind.values()) {
			OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(kind.type);
			if (token == null) {
				continue;
			}
			OAuth2Token value = token.getToken();
			if (kind == TokenKind.REFRESH) {
				refreshHash = TokenHash.of(value.getTokenValue());
			}
			if (value.getExpiresAt() != null && (expiresAt == null || value.getExpiresAt().isAfter(expiresAt))) {
				expiresAt = value.getExpiresAt();
			}
		}
		return new Encoded(encoded, hashes, (expiresAt != null) ? expiresAt : pendingExpiry, refreshHash);
	}

	/** Reads only the client id, to find the registration needed to rebuild the authorization. */
	String registeredClientId(String payload) {
		JsonNode root = this.json.readTree(payload);
		return LegacyAuthorizationPayload.isLegacy(root) ? LegacyAuthorizationPayload.registeredClientId(root)
				: AuthorizationPayload.registeredClientId(root);
	}

	/**
	 * The hash of the refresh token a payload holds (one of the record's {@code tokenHashes}), or
	 * null: read straight from the payload, since the store needs it on every save and a full decode
	 * would also look up the client.
	 */
	String refreshTokenHash(String payload, Set<String> tokenHashes) {
		JsonNode root = this.json.readTree(payload);
		if (LegacyAuthorizationPayload.isLegacy(root)) {
			return LegacyAuthorizationPayload.refreshTokenHash(root);
		}
		String prefix = AuthorizationPayload.refreshTokenHash(root);
		return (prefix != null) ? HashPrefixes.resolve(prefix, tokenHashes) : null;
	}

	/**
	 * Rebuilds the authorization of {@code principalName} whose live hashes are {@code tokenHashes}
	 * (both the record's). Tokens whose hash is the hash of {@code presentedValue} get it back; the
	 * others carry placeholders.
	 */
	OAuth2Authorization decode(String id, String principalName, Set<String> tokenHashes, String payload,
			RegisteredClient client, String presentedValue) {
		String presentedHash = (presentedValue != null) ? TokenHash.ofPresented(presentedValue) : null;
		JsonNode root = this.json.readTree(payload);
		if (LegacyAuthorizationPayload.isLegacy(root)) {
			return this.legacy.decode(id, root, client, presentedHash, presentedValue);
		}
		if (!AuthorizationPayload.isVersion2(root)) {
			throw new IllegalArgumentException("Authorization " + id + " has a payload of an unknown version");
		}
		return this.payload.decode(id, principalName, tokenHashes, root, client, presentedHash, presentedValue);
	}

	/** The presented value for the hash it has, a placeholder for any other. */
	static String restore(String hash, String presentedHash, String presentedValue) {
		return hash.equals(presentedHash) ? presentedValue : TokenHash.placeholder(hash);
	}

	static OAuth2AccessToken.TokenType accessTokenType(String value) {
		return OAuth2AccessToken.TokenType.DPOP.getValue().equalsIgnoreCase(value) ? OAuth2AccessToken.TokenType.DPOP
				: OAuth2AccessToken.TokenType.BEARER;
	}

	/** The token kinds this provider issues; device codes are not offered. */
	enum TokenKind {

		CODE(OAuth2AuthorizationCode.class, "c"), ACCESS(OAuth2AccessToken.class, "a"),
		REFRESH(OAuth2RefreshToken.class, "r"), ID(OidcIdToken.class, "i");

		private final Class<? extends OAuth2Token> type;

		private final String code;

		TokenKind(Class<? extends OAuth2Token> type, String code) {
			this.type = type;
			this.code = code;
		}

		Class<? extends OAuth2Token> type() {
			return this.type;
		}

		String code() {
			return this.code;
		}

	}

}
