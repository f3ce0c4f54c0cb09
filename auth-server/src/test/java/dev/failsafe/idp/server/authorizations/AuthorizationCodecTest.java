package dev.failsafe.idp.server.authorizations;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;

import static dev.failsafe.idp.server.authorizations.CodecFixtures.PARTNER;
import static dev.failsafe.idp.server.authorizations.CodecFixtures.SHOP;
import static dev.failsafe.idp.server.authorizations.CodecFixtures.T;
import static dev.failsafe.idp.server.authorizations.CodecFixtures.clientCredentials;
import static dev.failsafe.idp.server.authorizations.CodecFixtures.codeFlow;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store payload round trip: every part of an authorization comes back as it went in (the
 * signed-in user, the request, each token with its times, metadata and typed claims).
 */
class AuthorizationCodecTest {

	private final AuthorizationCodec codec = new AuthorizationCodec();

	@Test
	void decodeWhenEncodedCodeFlowThenEveryPartBackAndOnlyThePresentedTokenValue() {
		OAuth2Authorization original = codeFlow();

		AuthorizationCodec.Encoded encoded = this.codec.encode(original, SHOP, T);
		OAuth2Authorization decoded = this.codec.decode(original.getId(), "alice", encoded.tokenHashes(),
				encoded.payload(), SHOP, "refresh-token-value");

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
		assertThat(this.codec.registeredClientId(encoded.payload())).isEqualTo(SHOP.getId());
		assertThat(this.codec.refreshTokenHash(encoded.payload(), encoded.tokenHashes()))
			.isEqualTo(encoded.refreshTokenHash());
	}

	@Test
	void decodeWhenConsentPendingThenRequestWithItsStateAndTheConsentStateBack() {
		OAuth2Authorization codeFlow = codeFlow();
		OAuth2Authorization pending = OAuth2Authorization.withRegisteredClient(SHOP)
			.id("pending")
			.principalName("alice")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.attribute(OAuth2AuthorizationRequest.class.getName(),
					codeFlow.getAttribute(OAuth2AuthorizationRequest.class.getName()))
			.attribute(Principal.class.getName(), codeFlow.getAttribute(Principal.class.getName()))
			.attribute("state", "consent-state-value")
			.build();

		AuthorizationCodec.Encoded encoded = this.codec.encode(pending, SHOP, T);
		OAuth2Authorization decoded = this.codec.decode("pending", "alice", encoded.tokenHashes(), encoded.payload(),
				SHOP, "consent-state-value");

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
		AuthorizationCodec.Encoded encoded = this.codec.encode(original, SHOP, T);

		OAuth2Authorization decoded = this.codec.decode(original.getId(), "demo-partner-api", encoded.tokenHashes(),
				encoded.payload(), PARTNER, "access-token-value");

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

		AuthorizationCodec.Encoded encoded = this.codec.encode(original, PARTNER, T);
		OAuth2Authorization decoded = this.codec.decode(original.getId(), "demo-partner-api", encoded.tokenHashes(),
				encoded.payload(), PARTNER, null);

		assertThat(decoded.<List<String>>getAttribute("custom")).containsExactly("x", "y");
		assertThat(decoded.getAccessToken().getClaims()).isEqualTo(Map.of("sub", "demo-partner-api", "odd~name", "v"));
		assertThat(decoded.getAccessToken().getToken().getTokenType()).isEqualTo(OAuth2AccessToken.TokenType.DPOP);
		assertThat(decoded.getAccessToken().getToken().getScopes()).containsExactlyInAnyOrder("orders.read", "orders.write");
	}

}
