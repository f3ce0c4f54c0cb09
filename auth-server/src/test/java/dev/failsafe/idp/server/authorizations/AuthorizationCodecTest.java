package dev.failsafe.idp.server.authorizations;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store payload: every part of an authorization comes back as it went in (the signed-in user,
 * the request, each token with its times, metadata and typed claims), the layout is the documented
 * one, payloads of earlier versions still read, and the sizes stay within their bounds.
 */
class AuthorizationCodecTest {

	private static final Instant T = Instant.parse("2026-12-04T21:06:28.598517225Z");

	private static final String ISSUER = "http://127.0.0.1:38469";

	private final AuthorizationCodec codec = new AuthorizationCodec();

	private final RegisteredClient shop = RegisteredClient.withId("858b6b8b-4bc1-48bf-a127-9ef5c3677631")
		.clientId("demo-shop")
		.clientSecret("{sha256}x")
		.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
		.redirectUri("http://127.0.0.1:8081/login/oauth2/code/demo")
		.scope("openid")
		.scope("profile")
		.scope("email")
		.build();

	private final RegisteredClient partner = RegisteredClient.withId("186da50a-b1fd-4706-923c-3097aacebfb2")
		.clientId("demo-partner-api")
		.clientSecret("{sha256}y")
		.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
		.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
		.scope("orders.read")
		.build();

	@Test
	void decodeWhenEncodedCodeFlowThenEveryPartBackAndOnlyThePresentedTokenValue() {
		OAuth2Authorization original = codeFlow();

		AuthorizationCodec.Encoded encoded = this.codec.encode(original, this.shop, T);
		OAuth2Authorization decoded = this.codec.decode(original.getId(), "alice", encoded.tokenHashes(),
				encoded.payload(), this.shop, "refresh-token-value");

		assertThat(decoded.getPrincipalName()).isEqualTo("alice");
		assertThat(decoded.getAuthorizationGrantType()).isEqualTo(AuthorizationGrantType.AUTHORIZATION_CODE);
		assertThat(decoded.getAuthorizedScopes()).containsExactly("openid", "profile", "email");
		OAuth2AuthorizationRequest request = decoded.getAttribute(OAuth2AuthorizationRequest.class.getName());
		OAuth2AuthorizationRequest sent = original.getAttribute(OAuth2AuthorizationRequest.class.getName());
		assertThat(request.getClientId()).isEqualTo(sent.getClientId());
		assertThat(request.getRedirectUri()).isEqualTo(sent.getRedirectUri());
		assertThat(request.getAuthorizationUri()).isEqualTo(sent.getAuthorizationUri());
		assertThat(request.getScopes()).containsExactlyElementsOf(sent.getScopes());
		assertThat(request.getState()).isEqualTo(sent.getState());
		assertThat(request.getAdditionalParameters()).isEqualTo(sent.getAdditionalParameters());
		UsernamePasswordAuthenticationToken user = decoded.getAttribute(Principal.class.getName());
		UsernamePasswordAuthenticationToken signedIn = original.getAttribute(Principal.class.getName());
		assertThat(user).isEqualTo(signedIn);
		assertThat(user.getAuthorities()).containsExactlyElementsOf(signedIn.getAuthorities());
		assertThat(((FactorGrantedAuthority) new ArrayList<>(user.getAuthorities()).get(1)).getIssuedAt())
			.isEqualTo(T.minusSeconds(2));
		assertThat(((User) user.getPrincipal()).getAuthorities()).containsExactly(new SimpleGrantedAuthority("ROLE_USER"));
		assertThat(((User) user.getPrincipal()).getPassword()).isNull();
		assertThat(user.getDetails()).isEqualTo(signedIn.getDetails());
		SessionInformation loginSession = decoded.getAttribute(SessionInformation.class.getName());
		assertThat(loginSession.getSessionId()).isEqualTo("saysCINJBfY32xVW0rDdPjUTeXbVjbr5FRU2KRY485s");
		assertThat(loginSession.getPrincipal()).isEqualTo("alice");
		assertThat(loginSession.getLastRequest()).isEqualTo(Date.from(T.minusSeconds(2)));

		for (Class<? extends OAuth2Token> type : List.of(OAuth2AuthorizationCode.class, OAuth2AccessToken.class,
				OAuth2RefreshToken.class, OidcIdToken.class)) {
			OAuth2Authorization.Token<? extends OAuth2Token> back = decoded.getToken(type);
			OAuth2Authorization.Token<? extends OAuth2Token> was = original.getToken(type);
			assertThat(back.getToken().getIssuedAt()).as(type.getSimpleName()).isEqualTo(was.getToken().getIssuedAt());
			assertThat(back.getToken().getExpiresAt()).as(type.getSimpleName()).isEqualTo(was.getToken().getExpiresAt());
			assertThat(back.getMetadata()).as(type.getSimpleName()).isEqualTo(was.getMetadata());
		}
		assertThat(decoded.getRefreshToken().getToken().getTokenValue()).isEqualTo("refresh-token-value");
		assertThat(decoded.getAccessToken().getToken().getTokenValue()).isEqualTo(
				TokenHash.placeholder(TokenHash.of("access-token-value")));
		assertThat(decoded.getAccessToken().getToken().getScopes()).containsExactlyInAnyOrder("openid", "profile", "email");
		assertThat(decoded.getToken(OidcIdToken.class).getToken().getClaims()).isEqualTo(
				original.getToken(OidcIdToken.class).getToken().getClaims());
		assertThat(decoded.getToken(OidcIdToken.class).getClaims().get("auth_time")).isInstanceOf(Date.class);
		assertThat(decoded.getAccessToken().getClaims().get("iss")).isInstanceOf(java.net.URL.class);
		assertThat(decoded.getAccessToken().getClaims().get("exp")).isInstanceOf(Instant.class);
		assertThat(encoded.tokenHashes()).containsExactly(TokenHash.of("code-value"), TokenHash.of("access-token-value"),
				TokenHash.of("refresh-token-value"), TokenHash.of("id-token-value"));
		assertThat(encoded.refreshTokenHash()).isEqualTo(TokenHash.of("refresh-token-value"));
		assertThat(encoded.expiresAt()).isEqualTo(T.plusSeconds(8 * 3600));
		assertThat(this.codec.registeredClientId(encoded.payload())).isEqualTo(this.shop.getId());
		assertThat(this.codec.refreshTokenHash(encoded.payload(), encoded.tokenHashes()))
			.isEqualTo(encoded.refreshTokenHash());
	}

	@Test
	void encodeWhenCodeFlowThenDocumentedLayoutWithoutTokenValuesOrTypeNames() {
		String payload = this.codec.encode(codeFlow(), this.shop, T).payload();
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
		assertThat(this.codec.encode(codeFlow(), this.shop, T).payload()).hasSizeLessThanOrEqualTo(1_620);
		assertThat(this.codec.encode(clientCredentials(), this.partner, T).payload()).hasSizeLessThanOrEqualTo(500);
	}

	@Test
	void decodeWhenConsentPendingThenRequestWithItsStateAndTheConsentStateBack() {
		OAuth2Authorization codeFlow = codeFlow();
		OAuth2Authorization pending = OAuth2Authorization.withRegisteredClient(this.shop)
			.id("pending")
			.principalName("alice")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.attribute(OAuth2AuthorizationRequest.class.getName(),
					codeFlow.getAttribute(OAuth2AuthorizationRequest.class.getName()))
			.attribute(Principal.class.getName(), codeFlow.getAttribute(Principal.class.getName()))
			.attribute("state", "consent-state-value")
			.build();

		AuthorizationCodec.Encoded encoded = this.codec.encode(pending, this.shop, T);
		OAuth2Authorization decoded = this.codec.decode("pending", "alice", encoded.tokenHashes(), encoded.payload(),
				this.shop, "consent-state-value");

		assertThat(encoded.tokenHashes()).containsExactly(TokenHash.of("consent-state-value"));
		assertThat(decoded.<String>getAttribute("state")).isEqualTo("consent-state-value");
		OAuth2AuthorizationRequest request = decoded.getAttribute(OAuth2AuthorizationRequest.class.getName());
		assertThat(request.getState()).isEqualTo("cuSwnhdoZ67zSJsu2pHc2QZh96ZagCgLI0SVMpW9flU");
		assertThat(request.getScopes()).containsExactly("openid", "profile", "email");
		assertThat(decoded.getAuthorizedScopes()).isEmpty();
	}

	@Test
	void decodeWhenClientCredentialsThenSecretBindingAndClaimsBack() {
		OAuth2Authorization original = clientCredentials();
		AuthorizationCodec.Encoded encoded = this.codec.encode(original, this.shop, T);

		OAuth2Authorization decoded = this.codec.decode(original.getId(), "demo-partner-api", encoded.tokenHashes(),
				encoded.payload(), this.partner, "access-token-value");

		assertThat(decoded.<String>getAttribute(ClientSecretBinding.ATTRIBUTE)).isEqualTo("fingerprint");
		assertThat(decoded.getAccessToken().getClaims()).isEqualTo(original.getAccessToken().getClaims());
		assertThat(decoded.getAccessToken().getToken().getScopes()).containsExactly("orders.read");
		assertThat(decoded.getAccessToken().getToken().getTokenValue()).isEqualTo("access-token-value");
		assertThat(decoded.getAccessToken().isActive()).isFalse();
		assertThat(decoded.getAccessToken().isInvalidated()).isFalse();
	}

	@Test
	void decodeWhenAttributeOrClaimHasNoShortFormThenKeptInTypedJson() {
		OAuth2Authorization original = OAuth2Authorization.from(clientCredentials())
			.attribute("custom", new ArrayList<>(List.of("x", "y")))
			.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.DPOP, "access-token-value", T, T.plusSeconds(300),
					Set.of("orders.read", "orders.write")), meta -> meta.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME,
							new java.util.HashMap<>(Map.of("sub", "demo-partner-api", "odd~name", "v"))))
			.build();

		AuthorizationCodec.Encoded encoded = this.codec.encode(original, this.partner, T);
		OAuth2Authorization decoded = this.codec.decode(original.getId(), "demo-partner-api", encoded.tokenHashes(),
				encoded.payload(), this.partner, null);

		assertThat(decoded.<List<String>>getAttribute("custom")).containsExactly("x", "y");
		assertThat(decoded.getAccessToken().getClaims()).isEqualTo(Map.of("sub", "demo-partner-api", "odd~name", "v"));
		assertThat(decoded.getAccessToken().getToken().getTokenType()).isEqualTo(OAuth2AccessToken.TokenType.DPOP);
		assertThat(decoded.getAccessToken().getToken().getScopes()).containsExactlyInAnyOrder("orders.read", "orders.write");
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
				this.shop, "old-access-token");

		assertThat(this.codec.registeredClientId(legacy)).isEqualTo(this.shop.getId());
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

	private OAuth2Authorization codeFlow() {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("code_challenge_method", "S256");
		parameters.put("nonce", "QNf5BPwmivKTbBrtPZNz3HzCrpRp9OFlKytPYFdr63I");
		parameters.put("continue", "");
		parameters.put("code_challenge", "_vW858Z0gvtIgR3L4p_xr4rcAYPS5lu3CFCFORYwS8Y");
		OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri(ISSUER + "/oauth2/authorize")
			.clientId("demo-shop")
			.redirectUri("http://127.0.0.1:8081/login/oauth2/code/demo")
			.scopes(new java.util.LinkedHashSet<>(List.of("openid", "profile", "email")))
			.state("cuSwnhdoZ67zSJsu2pHc2QZh96ZagCgLI0SVMpW9flU")
			.additionalParameters(parameters)
			.build();
		UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated(
				userWithoutPassword(), null, List.of(new SimpleGrantedAuthority("ROLE_USER"),
						FactorGrantedAuthority.withAuthority("FACTOR_PASSWORD").issuedAt(T.minusSeconds(2)).build()));
		signedIn.setDetails(new WebAuthenticationDetails("127.0.0.1", "8719a952-5c8d-41c2-b221-e1eb47cb1bc0"));
		Map<String, Object> accessClaims = new LinkedHashMap<>();
		accessClaims.put("sub", "alice");
		accessClaims.put("aud", new ArrayList<>(List.of("demo-shop")));
		accessClaims.put("nbf", T);
		accessClaims.put("scope", "email openid profile");
		accessClaims.put("iss", url(ISSUER));
		accessClaims.put("exp", T.plusSeconds(300));
		accessClaims.put("iat", T);
		accessClaims.put("jti", "085f372f-c02a-4e96-b685-08f9456b191b");
		accessClaims.put("client_id", "demo-shop");
		Map<String, Object> idClaims = new LinkedHashMap<>();
		idClaims.put("sub", "alice");
		idClaims.put("email_verified", true);
		idClaims.put("iss", url(ISSUER));
		idClaims.put("preferred_username", "alice");
		idClaims.put("given_name", "Alice");
		idClaims.put("locale", "en");
		idClaims.put("nonce", "QNf5BPwmivKTbBrtPZNz3HzCrpRp9OFlKytPYFdr63I");
		idClaims.put("sid", "saysCINJBfY32xVW0rDdPjUTeXbVjbr5FRU2KRY485s");
		idClaims.put("aud", new ArrayList<>(List.of("demo-shop")));
		idClaims.put("updated_at", 1_796_418_382L);
		idClaims.put("azp", "demo-shop");
		idClaims.put("auth_time", new Date(1_796_418_388_371L));
		idClaims.put("name", "Alice Example");
		idClaims.put("exp", T.plusSeconds(300));
		idClaims.put("iat", T);
		idClaims.put("family_name", "Example");
		idClaims.put("jti", "57a92cd9-43f8-4a4b-9a69-5ad0b3f3d44e");
		idClaims.put("email", "alice@example.com");
		return OAuth2Authorization.withRegisteredClient(this.shop)
			.id("5f78404e-64f6-485f-a8e2-ccbb543f388d")
			.principalName("alice")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(new java.util.LinkedHashSet<>(List.of("openid", "profile", "email")))
			.attribute(OAuth2AuthorizationRequest.class.getName(), request)
			.attribute(Principal.class.getName(), signedIn)
			.attribute(SessionInformation.class.getName(),
					new SessionInformation("alice", "saysCINJBfY32xVW0rDdPjUTeXbVjbr5FRU2KRY485s", Date.from(T.minusSeconds(2))))
			.token(new OAuth2AuthorizationCode("code-value", T.minusSeconds(1), T.plusSeconds(59)),
					meta -> meta.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, true))
			.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-token-value", T, T.plusSeconds(300),
					Set.of("openid", "profile", "email")), meta -> {
						meta.put(OAuth2TokenFormat.class.getName(), OAuth2TokenFormat.SELF_CONTAINED.getValue());
						meta.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, accessClaims);
					})
			.token(new OAuth2RefreshToken("refresh-token-value", T, T.plusSeconds(8 * 3600)))
			.token(new OidcIdToken("id-token-value", T, T.plusSeconds(300), idClaims),
					meta -> meta.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, idClaims))
			.build();
	}

	private OAuth2Authorization clientCredentials() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", "demo-partner-api");
		claims.put("aud", new ArrayList<>(List.of("demo-partner-api", "http://127.0.0.1:8082")));
		claims.put("nbf", T);
		claims.put("scope", "orders.read");
		claims.put("iss", url(ISSUER));
		claims.put("exp", T.plusSeconds(300));
		claims.put("iat", T);
		claims.put("jti", "371a6330-1447-4eda-8210-38aa499a2e37");
		claims.put("client_id", "demo-partner-api");
		return OAuth2Authorization.withRegisteredClient(this.partner)
			.id("d89586ee-a49f-4443-b67d-bf76c6da90f0")
			.principalName("demo-partner-api")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.authorizedScopes(Set.of("orders.read"))
			.attribute(ClientSecretBinding.ATTRIBUTE, "fingerprint")
			.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-token-value", T.minusSeconds(600),
					T.minusSeconds(300), Set.of("orders.read")), meta -> {
						meta.put(OAuth2TokenFormat.class.getName(), OAuth2TokenFormat.SELF_CONTAINED.getValue());
						meta.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims);
					})
			.build();
	}

	private static User userWithoutPassword() {
		User user = new User("alice", "", List.of(new SimpleGrantedAuthority("ROLE_USER")));
		user.eraseCredentials();
		return user;
	}

	private static java.net.URL url(String value) {
		try {
			return URI.create(value).toURL();
		}
		catch (java.net.MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
