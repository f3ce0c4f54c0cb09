package dev.failsafe.idp.testing.backchannel;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.testing.provider.Provider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A logout token checked as the conformance suite's back-channel module checks it
 * ({@code ValidateLogoutTokenSignature}, {@code ValidateLogoutTokenClaims},
 * {@code CheckLogoutTokenNoNonce}, {@code CheckLogoutTokenHasSubOrSid}) and as Spring Security's
 * relying party does: signed by a key in the provider's JWKS, {@code typ: logout+jwt}, {@code iss}
 * the issuer, {@code aud} the client, {@code iat} not in the future, {@code exp} after it, a
 * {@code jti}, exactly the back-channel logout event (an empty object), {@code sub} and {@code sid},
 * no {@code nonce}.
 *
 * @param subject the token's {@code sub}
 * @param sessionId its {@code sid}
 * @param tokenId its {@code jti}
 * @param issuedAt its {@code iat}
 * @param keyId the key it was signed with
 */
public record VerifiedLogoutToken(String subject, String sessionId, String tokenId, Instant issuedAt, String keyId) {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** Verifies {@code token} against {@code provider}'s JWKS for {@code clientId}; fails the test if it is not right. */
	public static VerifiedLogoutToken verify(String token, Provider provider, String clientId) {
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			assertThat(jwt.getHeader().getType()).as("typ").isEqualTo(new JOSEObjectType("logout+jwt"));
			JWK key = jwks(provider).getKeyByKeyId(jwt.getHeader().getKeyID());
			assertThat(key).as("signing key %s published", jwt.getHeader().getKeyID()).isNotNull();
			JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(),
					(key instanceof RSAKey rsa) ? rsa.toRSAPublicKey() : key.toECKey().toECPublicKey());
			assertThat(jwt.verify(verifier)).as("signature").isTrue();
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			assertThat(claims.getIssuer()).as("iss").isEqualTo(provider.issuer());
			assertThat(claims.getAudience()).as("aud").containsExactly(clientId);
			assertThat(claims.getIssueTime()).as("iat").isNotNull()
				.isBeforeOrEqualTo(Date.from(Instant.now().plusSeconds(5)));
			assertThat(claims.getExpirationTime()).as("exp").isAfter(claims.getIssueTime());
			assertThat(claims.getJWTID()).as("jti").isNotBlank();
			assertThat(claims.getJSONObjectClaim("events")).as("events")
				.isEqualTo(Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
			assertThat(claims.getClaims()).as("no nonce").doesNotContainKey("nonce");
			assertThat(claims.getSubject()).as("sub").isNotBlank();
			assertThat(claims.getStringClaim("sid")).as("sid").isNotBlank();
			return new VerifiedLogoutToken(claims.getSubject(), claims.getStringClaim("sid"), claims.getJWTID(),
					claims.getIssueTime().toInstant(), jwt.getHeader().getKeyID());
		}
		catch (Exception ex) {
			throw new AssertionError("not a valid logout token: " + token, ex);
		}
	}

	/** The {@code sid} of an ID token (without verifying it: the provider just issued it). */
	public static String sidOf(String idToken) {
		try {
			return SignedJWT.parse(idToken).getJWTClaimsSet().getStringClaim("sid");
		}
		catch (java.text.ParseException ex) {
			throw new AssertionError("not a JWT: " + idToken, ex);
		}
	}

	private static JWKSet jwks(Provider provider) throws IOException, InterruptedException, java.text.ParseException {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(provider.uri("/oauth2/jwks")).build(),
				HttpResponse.BodyHandlers.ofString());
		return JWKSet.parse(response.body());
	}

}
