package dev.failsafe.idp.server.authorizations;

import java.io.StringWriter;
import java.security.Principal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.failsafe.idp.server.encoding.CompactAuthentication;
import dev.failsafe.idp.server.encoding.CompactClaims;
import dev.failsafe.idp.server.sessions.SignInTime;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The store's payload of an authorization (version 2): compact JSON with short member names, no
 * type information where the member says what it is, and no token value (each token by its
 * {@link TokenHash}). Members, each left out when empty:
 *
 * <ul>
 * <li>{@code v}: 2; {@code c}: the registered client's id; {@code g}: the grant type; {@code s}: the
 * authorized scopes. The principal's name is the record's own ({@code principal}), not repeated
 * (a device grant's record passes from the device's client to the user who approves it). Earlier
 * releases, whose records kept the device's client, named a device grant's user in {@code pn}:
 * still read, and preferred to the record's principal, until those records have expired.</li>
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

	private static final JsonFactory JSON = new JsonFactory();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JsonMapper typed;

	private final PayloadRequests requests;

	private final PayloadTokens tokens;

	AuthorizationPayload(JsonMapper typed) {
		this.typed = typed;
		this.requests = new PayloadRequests(typed);
		this.tokens = new PayloadTokens(typed);
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
		attributes.remove(AuthorizationRecords.VERSION_ATTRIBUTE);
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
			if (attributes.get(REQUEST) instanceof OAuth2AuthorizationRequest codeRequest && PayloadRequests.fits(codeRequest)) {
				request = (OAuth2AuthorizationRequest) attributes.remove(REQUEST);
				this.requests.write(json, request, client, authorization.getAuthorizedScopes());
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
			if (attributes.get(SignInTime.AUTHORIZATION_ATTRIBUTE) instanceof SessionInformation session
					&& session.getClass() == SessionInformation.class
					&& authorization.getPrincipalName().equals(session.getPrincipal())) {
				attributes.remove(SignInTime.AUTHORIZATION_ATTRIBUTE);
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
					this.tokens.write(json, kind, hash, token, authorization.getAuthorizedScopes(),
							PayloadTokens.references(authorization, client, request, token.getToken()));
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
			.principalName(root.hasNonNull("pn") ? root.get("pn").asString() : principalName)
			.authorizationGrantType(new AuthorizationGrantType(root.get("g").asString()))
			.authorizedScopes(scopes);
		Map<String, Object> attributes = new HashMap<>();
		if (root.hasNonNull("a")) {
			attributes.putAll(this.typed.readValue(root.get("a").asString(), MAP));
		}
		OAuth2AuthorizationRequest request = null;
		if (root.hasNonNull("r")) {
			request = this.requests.read(root.get("r"), client, scopes);
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
			attributes.put(SignInTime.AUTHORIZATION_ATTRIBUTE, new SessionInformation(principalName,
					session.get(0).asString(), new java.util.Date(session.get(1).longValue())));
		}
		builder.attributes(attrs -> attrs.putAll(attributes));
		OAuth2Authorization partial = builder.build();
		for (JsonNode node : root.path("t")) {
			this.tokens.read(builder, node, scopes, HashPrefixes.resolve(node.get("h").asString(), liveHashes), presentedHash,
					presentedValue, partial, client, request);
		}
		return builder.build();
	}

	static void writeStrings(JsonGenerator json, String name, Set<String> values) {
		if (values != null && !values.isEmpty()) {
			json.writeArrayPropertyStart(name);
			values.forEach(json::writeString);
			json.writeEndArray();
		}
	}

	static Set<String> strings(JsonNode array) {
		Set<String> values = new LinkedHashSet<>();
		if (array != null) {
			array.forEach(element -> values.add(element.asString()));
		}
		return values;
	}

}
