package dev.failsafe.idp.server.authorizations;

import java.io.StringWriter;
import java.security.Principal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.failsafe.idp.server.encoding.CompactAuthentication;
import dev.failsafe.idp.server.encoding.CompactClaims;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponseType;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;

/**
 * The store's payload of an authorization (version 2): compact JSON with short member names, no
 * type information where the member says what it is, and no token value (each token by its
 * {@link TokenHash}). Members, each left out when empty:
 *
 * <ul>
 * <li>{@code v}: 2; {@code c}: the registered client's id; {@code g}: the grant type; {@code s}: the
 * authorized scopes. The principal's name is the record's own ({@code principal}), not repeated.</li>
 * <li>{@code r}: the authorization request (code flow): {@code u} authorization URI, {@code ci}
 * client id, {@code ru} redirect URI, {@code s} scopes, {@code st} the client's {@code state},
 * {@code x} the other parameters (nonce, PKCE challenge) as strings, {@code at} its attributes
 * (typed JSON). Its request URI is rebuilt from these.</li>
 * <li>{@code p}: the signed-in user ({@link CompactAuthentication}).</li>
 * <li>{@code st}: the hash of the consent {@code state} while consent is pending; {@code cs}: the
 * client-secret fingerprint of a client_credentials authorization ({@link ClientSecretBinding});
 * {@code ls}: the login session that approved an OpenID Connect code ({@link LoginSessionBinding}),
 * {@code [sid, signed in at (ms since the epoch)]}.</li>
 * <li>{@code a}: every other attribute, and any of the above that does not fit its short form, in
 * Spring Security's typed JSON, as earlier versions stored all attributes.</li>
 * <li>{@code t}: the tokens, each {@code {"k": c|a|r|i (code, access, refresh, ID), "h": hash,
 * "i": issued at, "e": expires at (nanoseconds since the epoch), "n": true if invalidated,
 * "f": access token format, "y": access token type unless Bearer, "s": access token scopes unless
 * the authorized ones, "cl": claims ({@link CompactClaims}), "m": other metadata (typed JSON)}};
 * claims that do not fit {@link CompactClaims} stay in {@code m}.</li>
 * </ul>
 * A code-flow authorization with access, refresh and ID tokens is about a quarter of the version 1
 * payload ({@link LegacyAuthorizationPayload}); the sizes are pinned by {@code AuthorizationCodecTest}.
 */
final class AuthorizationPayload {

	static final int VERSION = 2;

	private static final String REQUEST = OAuth2AuthorizationRequest.class.getName();

	private static final String PRINCIPAL = Principal.class.getName();

	private static final String FORMAT = OAuth2TokenFormat.class.getName();

	private static final JsonFactory JSON = new JsonFactory();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JsonMapper typed;

	AuthorizationPayload(JsonMapper typed) {
		this.typed = typed;
	}

	static boolean isVersion2(JsonNode root) {
		return root.path("v").asInt() == VERSION;
	}

	static String registeredClientId(JsonNode root) {
		return root.get("c").asString();
	}

	/** The prefix naming the refresh token's hash, or null. */
	static String refreshTokenHash(JsonNode root) {
		for (JsonNode token : root.path("t")) {
			if ("r".equals(token.get("k").asString())) {
				return token.get("h").asString();
			}
		}
		return null;
	}

	/**
	 * The payload of {@code authorization} of {@code client} (null if gone); the hashes of its consent
	 * state and tokens go to {@code hashes}, which the record keeps.
	 */
	String encode(OAuth2Authorization authorization, RegisteredClient client, Set<String> hashes) {
		Map<String, Object> attributes = new HashMap<>(authorization.getAttributes());
		attributes.remove(StoredAuthorizationService.VERSION_ATTRIBUTE);
		if (attributes.get(OAuth2ParameterNames.STATE) instanceof String state) {
			hashes.add(TokenHash.of(state));
		}
		for (AuthorizationCodec.TokenKind kind : AuthorizationCodec.TokenKind.values()) {
			OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(kind.type());
			if (token != null) {
				hashes.add(TokenHash.of(token.getToken().getTokenValue()));
			}
		}
		int prefix = HashPrefixes.length(hashes);
		StringWriter out = new StringWriter(512);
		try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
			json.writeStartObject();
			json.writeNumberProperty("v", VERSION);
			json.writeStringProperty("c", authorization.getRegisteredClientId());
			json.writeStringProperty("g", authorization.getAuthorizationGrantType().getValue());
			writeStrings(json, "s", authorization.getAuthorizedScopes());
			OAuth2AuthorizationRequest request = null;
			if (attributes.get(REQUEST) instanceof OAuth2AuthorizationRequest codeRequest && fits(codeRequest)) {
				request = (OAuth2AuthorizationRequest) attributes.remove(REQUEST);
				writeRequest(json, request, client, authorization.getAuthorizedScopes());
			}
			if (CompactAuthentication.fits(attributes.get(PRINCIPAL))) {
				json.writeName("p");
				CompactAuthentication.write(json, attributes.remove(PRINCIPAL));
			}
			if (attributes.get(OAuth2ParameterNames.STATE) instanceof String state) {
				attributes.remove(OAuth2ParameterNames.STATE);
				json.writeStringProperty("st", TokenHash.of(state).substring(0, prefix));
			}
			if (attributes.get(ClientSecretBinding.ATTRIBUTE) instanceof String fingerprint) {
				attributes.remove(ClientSecretBinding.ATTRIBUTE);
				json.writeStringProperty("cs", fingerprint);
			}
			if (attributes.get(LoginSessionBinding.ATTRIBUTE) instanceof SessionInformation session
					&& session.getClass() == SessionInformation.class
					&& authorization.getPrincipalName().equals(session.getPrincipal())) {
				attributes.remove(LoginSessionBinding.ATTRIBUTE);
				json.writeArrayPropertyStart("ls");
				json.writeString(session.getSessionId());
				json.writeNumber(session.getLastRequest().getTime());
				json.writeEndArray();
			}
			if (!attributes.isEmpty()) {
				json.writeStringProperty("a", this.typed.writeValueAsString(attributes));
			}
			json.writeArrayPropertyStart("t");
			for (AuthorizationCodec.TokenKind kind : AuthorizationCodec.TokenKind.values()) {
				OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(kind.type());
				if (token != null) {
					String hash = TokenHash.of(token.getToken().getTokenValue()).substring(0, prefix);
					writeToken(json, kind, hash, token, authorization.getAuthorizedScopes(),
							references(authorization, client, request, token.getToken()));
				}
			}
			json.writeEndArray();
			json.writeEndObject();
		}
		return out.toString();
	}

	/**
	 * The authorization of {@code principalName} a payload holds; {@code liveHashes} are the record's,
	 * which the payload names by their shortest distinct prefixes.
	 */
	OAuth2Authorization decode(String id, String principalName, Set<String> liveHashes, JsonNode root,
			RegisteredClient client, String presentedHash, String presentedValue) {
		Set<String> scopes = strings(root.get("s"));
		OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(client)
			.id(id)
			.principalName(principalName)
			.authorizationGrantType(new AuthorizationGrantType(root.get("g").asString()))
			.authorizedScopes(scopes);
		Map<String, Object> attributes = new HashMap<>();
		if (root.hasNonNull("a")) {
			attributes.putAll(this.typed.readValue(root.get("a").asString(), MAP));
		}
		OAuth2AuthorizationRequest request = null;
		if (root.hasNonNull("r")) {
			request = readRequest(root.get("r"), client, scopes);
			attributes.put(REQUEST, request);
		}
		if (root.hasNonNull("p")) {
			attributes.put(PRINCIPAL, CompactAuthentication.read(root.get("p")));
		}
		if (root.hasNonNull("st")) {
			attributes.put(OAuth2ParameterNames.STATE, AuthorizationCodec.restore(
					HashPrefixes.resolve(root.get("st").asString(), liveHashes), presentedHash, presentedValue));
		}
		if (root.hasNonNull("cs")) {
			attributes.put(ClientSecretBinding.ATTRIBUTE, root.get("cs").asString());
		}
		if (root.hasNonNull("ls")) {
			JsonNode session = root.get("ls");
			attributes.put(LoginSessionBinding.ATTRIBUTE, new SessionInformation(principalName,
					session.get(0).asString(), new java.util.Date(session.get(1).longValue())));
		}
		builder.attributes(attrs -> attrs.putAll(attributes));
		OAuth2Authorization partial = builder.build();
		for (JsonNode node : root.path("t")) {
			readToken(builder, node, scopes, HashPrefixes.resolve(node.get("h").asString(), liveHashes), presentedHash,
					presentedValue, partial, client, request);
		}
		return builder.build();
	}

	/** Whether the short form of a request holds all of it: a code request whose parameters are strings. */
	private static boolean fits(OAuth2AuthorizationRequest request) {
		return AuthorizationGrantType.AUTHORIZATION_CODE.equals(request.getGrantType())
				&& OAuth2AuthorizationResponseType.CODE.equals(request.getResponseType())
				&& request.getAdditionalParameters().values().stream().allMatch(String.class::isInstance);
	}

	private void writeRequest(JsonGenerator json, OAuth2AuthorizationRequest request, RegisteredClient client,
			Set<String> authorizedScopes) {
		json.writeObjectPropertyStart("r");
		json.writeStringProperty("u", request.getAuthorizationUri());
		if (client == null || !client.getClientId().equals(request.getClientId())) {
			json.writeStringProperty("ci", request.getClientId());
		}
		if (request.getRedirectUri() != null) {
			json.writeStringProperty("ru", request.getRedirectUri());
		}
		if (!request.getScopes().equals(authorizedScopes)) {
			json.writeArrayPropertyStart("s");
			request.getScopes().forEach(json::writeString);
			json.writeEndArray();
		}
		if (request.getState() != null) {
			json.writeStringProperty("st", request.getState());
		}
		if (!request.getAdditionalParameters().isEmpty()) {
			json.writeObjectPropertyStart("x");
			request.getAdditionalParameters().forEach((name, value) -> json.writeStringProperty(name, (String) value));
			json.writeEndObject();
		}
		if (!request.getAttributes().isEmpty()) {
			json.writeStringProperty("at", this.typed.writeValueAsString(new HashMap<>(request.getAttributes())));
		}
		json.writeEndObject();
	}

	private OAuth2AuthorizationRequest readRequest(JsonNode request, RegisteredClient client,
			Set<String> authorizedScopes) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> parameter : request.path("x").properties()) {
			parameters.put(parameter.getKey(), parameter.getValue().asString());
		}
		Map<String, Object> requestAttributes = request.hasNonNull("at")
				? this.typed.readValue(request.get("at").asString(), MAP) : Map.of();
		return OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri(request.get("u").asString())
			.clientId(request.hasNonNull("ci") ? request.get("ci").asString() : client.getClientId())
			.redirectUri(request.hasNonNull("ru") ? request.get("ru").asString() : null)
			.scopes(request.has("s") ? strings(request.get("s")) : authorizedScopes)
			.state(request.hasNonNull("st") ? request.get("st").asString() : null)
			.additionalParameters(parameters)
			.attributes(attrs -> attrs.putAll(requestAttributes))
			.build();
	}

	private void writeToken(JsonGenerator json, AuthorizationCodec.TokenKind kind, String hash,
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
				writeStrings(json, "s", access.getScopes());
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

	private void readToken(OAuth2Authorization.Builder builder, JsonNode node, Set<String> authorizedScopes,
			String hash, String presentedHash, String presentedValue, OAuth2Authorization authorization,
			RegisteredClient client, OAuth2AuthorizationRequest request) {
		String value = AuthorizationCodec.restore(hash, presentedHash, presentedValue);
		Instant issuedAt = instant(node.get("i"));
		Instant expiresAt = instant(node.get("e"));
		Set<String> scopes = node.has("s") ? strings(node.get("s")) : authorizedScopes;
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
	private static Map<String, Object> references(OAuth2Authorization authorization, RegisteredClient client,
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

	private static void writeStrings(JsonGenerator json, String name, Set<String> values) {
		if (values != null && !values.isEmpty()) {
			json.writeArrayPropertyStart(name);
			values.forEach(json::writeString);
			json.writeEndArray();
		}
	}

	private static Set<String> strings(JsonNode array) {
		Set<String> values = new LinkedHashSet<>();
		if (array != null) {
			array.forEach(element -> values.add(element.asString()));
		}
		return values;
	}

}
