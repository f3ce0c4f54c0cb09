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
import java.util.function.Consumer;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The authorizations the codec tests encode, as the provider records them: a code flow with every
 * token and the signed-in user ({@link #codeFlow()}), and a client-credentials grant
 * ({@link #clientCredentials()}), each of its own client, at the fixed time {@link #T}.
 */
final class CodecFixtures {

	static final Instant T = Instant.parse("2026-12-04T21:06:28.598517225Z");

	private static final String ISSUER = "http://127.0.0.1:38469";

	static final RegisteredClient SHOP = RegisteredClient.withId("858b6b8b-4bc1-48bf-a127-9ef5c3677631")
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

	static final RegisteredClient PARTNER = RegisteredClient.withId("186da50a-b1fd-4706-923c-3097aacebfb2")
		.clientId("demo-partner-api")
		.clientSecret("{sha256}y")
		.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
		.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
		.scope("orders.read")
		.build();

	private CodecFixtures() {
	}

	/** A code flow's authorization: request, signed-in user, login session, code, access, refresh and ID tokens. */
	static OAuth2Authorization codeFlow() {
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
		Map<String, Object> accessClaims = accessClaims("alice", List.of("demo-shop"), "email openid profile",
				"085f372f-c02a-4e96-b685-08f9456b191b", "demo-shop");
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
		return OAuth2Authorization.withRegisteredClient(SHOP)
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
					Set.of("openid", "profile", "email")), selfContained(accessClaims))
			.token(new OAuth2RefreshToken("refresh-token-value", T, T.plusSeconds(8 * 3600)))
			.token(new OidcIdToken("id-token-value", T, T.plusSeconds(300), idClaims),
					meta -> meta.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, idClaims))
			.build();
	}

	/** A client-credentials grant's authorization, bound to its client secret, its access token expired. */
	static OAuth2Authorization clientCredentials() {
		Map<String, Object> claims = accessClaims("demo-partner-api", List.of("demo-partner-api", "http://127.0.0.1:8082"),
				"orders.read", "371a6330-1447-4eda-8210-38aa499a2e37", "demo-partner-api");
		return OAuth2Authorization.withRegisteredClient(PARTNER)
			.id("d89586ee-a49f-4443-b67d-bf76c6da90f0")
			.principalName("demo-partner-api")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.authorizedScopes(Set.of("orders.read"))
			.attribute(ClientSecretBinding.ATTRIBUTE, "fingerprint")
			.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-token-value", T.minusSeconds(600),
					T.minusSeconds(300), Set.of("orders.read")), selfContained(claims))
			.build();
	}

	/** An access token's claims as the provider issues them, at {@link #T} for five minutes. */
	private static Map<String, Object> accessClaims(String subject, List<String> audience, String scope, String jti,
			String clientId) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", subject);
		claims.put("aud", new ArrayList<>(audience));
		claims.put("nbf", T);
		claims.put("scope", scope);
		claims.put("iss", url(ISSUER));
		claims.put("exp", T.plusSeconds(300));
		claims.put("iat", T);
		claims.put("jti", jti);
		claims.put("client_id", clientId);
		return claims;
	}

	/** The metadata of a self-contained (JWT) access token with {@code claims}. */
	private static Consumer<Map<String, Object>> selfContained(Map<String, Object> claims) {
		return (meta) -> {
			meta.put(OAuth2TokenFormat.class.getName(), OAuth2TokenFormat.SELF_CONTAINED.getValue());
			meta.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims);
		};
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
