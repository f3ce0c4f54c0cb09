package dev.failsafe.idp.server.tokens;

import dev.failsafe.idp.replication.keyring.SigningAlgorithm;

import java.time.Instant;
import java.util.Collection;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.failsafe.idp.server.sessions.SessionIds;
import dev.failsafe.idp.server.sessions.SignInTime;
import dev.failsafe.idp.server.users.UserDirectory;
import dev.failsafe.idp.server.users.ClaimsRequest;
import dev.failsafe.idp.server.users.ScopedClaims;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Shapes our JWTs.
 *
 * <ul>
 * <li>Access tokens follow RFC 9068: header {@code typ: at+jwt}; claims {@code client_id},
 * {@code scope} as one space-separated string, {@code jti}, {@code aud}: the client, plus the
 * resource servers that the granted scopes open ({@code idp.tokens.scope-audiences}), so that each
 * resource server can refuse tokens meant for someone else; {@code cnf.jkt} when the client proved
 * possession of a key with DPoP.</li>
 * <li>ID tokens carry the user's claims that the granted scopes release and those the
 * authorization request's {@code claims} parameter asked for in the ID token, and the {@code sid} of
 * the browser session the user signed in through ({@link SessionIds}); {@code nonce} comes from the
 * authorization server, {@code auth_time} at the code exchange from the login session the
 * authorization records ({@link SignInTime#recordedIn}), else the principal's sign-in
 * ({@link SignInTime}), on refresh from the previous ID token.</li>
 * <li>Both are signed with the client's algorithm: its registered ID-token signing algorithm,
 * {@link SigningAlgorithm#DEFAULT} unless it asked for another.</li>
 * </ul>
 */
public final class TokenClaimsCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	/** RFC 9068 section 2.1: the media type of JWT access tokens. */
	public static final String ACCESS_TOKEN_TYPE = "at+jwt";

	/** OIDC Front- and Back-Channel Logout: the session the ID token was issued in. */
	public static final String SESSION_ID_CLAIM = "sid";

	private final UserDirectory users;

	private final TokenProperties tokens;

	public TokenClaimsCustomizer(UserDirectory users, TokenProperties tokens) {
		this.users = users;
		this.tokens = tokens;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		RegisteredClient client = context.getRegisteredClient();
		SignatureAlgorithm algorithm = client.getTokenSettings().getIdTokenSignatureAlgorithm();
		context.getJwsHeader()
			.algorithm((algorithm != null) ? algorithm : SignatureAlgorithm.from(SigningAlgorithm.DEFAULT.name()));
		if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			customizeAccessToken(context, client);
		}
		else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
			customizeIdToken(context);
		}
	}

	private void customizeAccessToken(JwtEncodingContext context, RegisteredClient client) {
		context.getJwsHeader().type(ACCESS_TOKEN_TYPE);
		Jwt proof = context.get(OAuth2TokenContext.DPOP_PROOF_KEY);
		if (proof != null) {
			// RFC 9449 section 6.1: bound to the key that proved possession (the grant verified the proof).
			String thumbprint = DpopThumbprint.of(proof);
			context.getClaims().claims(claims -> claims.put("cnf", new HashMap<>(Map.of("jkt", thumbprint))));
		}
		context.getClaims().claims(claims -> {
			claims.put("client_id", client.getClientId());
			claims.putIfAbsent("jti", UUID.randomUUID().toString());
			Set<String> resources = this.tokens.audiencesFor(context.getAuthorizedScopes());
			if (!resources.isEmpty()) {
				Set<String> audiences = new LinkedHashSet<>();
				if (claims.get(JwtClaimNames.AUD) instanceof Collection<?> existing) {
					existing.forEach(audience -> audiences.add(String.valueOf(audience)));
				}
				audiences.addAll(resources);
				// An ArrayList: the stored authorization keeps these claims, and its JSON codec only
				// accepts the collection types on Spring Security's allow-list (not List.of's).
				claims.put(JwtClaimNames.AUD, new ArrayList<>(audiences));
			}
			Object scope = claims.get(OAuth2TokenIntrospectionClaimNames.SCOPE);
			if (scope instanceof Collection<?> scopes) {
				claims.put(OAuth2TokenIntrospectionClaimNames.SCOPE,
						String.join(" ", scopes.stream().map(String::valueOf).sorted().toList()));
			}
		});
	}

	private void customizeIdToken(JwtEncodingContext context) {
		// The authorization server fixes ID tokens at 30 minutes; ours follow idp.tokens.id-token-ttl,
		// which key retention is derived from.
		Instant issuedAt = context.getClaims().build().getIssuedAt();
		context.getClaims().expiresAt(issuedAt.plus(this.tokens.idTokenTtl()));
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
			return;
		}
		OAuth2AuthorizationRequest request = (context.getAuthorization() != null)
				? context.getAuthorization().getAttribute(OAuth2AuthorizationRequest.class.getName()) : null;
		ClaimsRequest requested = ClaimsRequest.of((request != null) ? request.getAdditionalParameters() : null);
		SessionIds.of(context.<Authentication>getPrincipal())
			.ifPresent(sid -> context.getClaims().claim(SESSION_ID_CLAIM, sid));
		this.users.find(context.getPrincipal().getName()).ifPresent(user -> {
			Map<String, Object> released = ScopedClaims.of(user, context.getAuthorizedScopes(), requested.idToken());
			context.getClaims().claims(claims -> released.forEach(claims::putIfAbsent));
		});
		if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())) {
			// OIDC Core 2: required with max_age, and always useful: when the user signed in, as the
			// login session that approved the code recorded it, else as the principal tells.
			Instant recorded = SignInTime.recordedIn(context.getAuthorization());
			Instant authTime = (recorded != null) ? recorded : SignInTime.of(context.getPrincipal());
			if (authTime != null) {
				context.getClaims().claim(IdTokenClaimNames.AUTH_TIME, Date.from(authTime));
			}
		}
	}

}
