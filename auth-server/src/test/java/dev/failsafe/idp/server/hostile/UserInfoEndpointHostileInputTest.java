package dev.failsafe.idp.server.hostile;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import static dev.failsafe.idp.server.hostile.ProtocolAssertions.assertJsonError;
import static dev.failsafe.idp.server.hostile.ProtocolAssertions.assertNoInternals;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /userinfo} under hostile input, answered per RFC 6750 section 3 (which OIDC Core 5.3.3
 * points to): no token is a bare {@code Bearer} challenge; a bad token is 401 {@code invalid_token}
 * with a description of ours, never the decoder's; a good token without {@code openid} is 403
 * {@code insufficient_scope}.
 */
class UserInfoEndpointHostileInputTest extends HostileInputSupport {

	private static final String USERINFO = "/userinfo";

	private static final String INVALID_TOKEN_DESCRIPTION = "The access token is invalid, expired or revoked.";

	@Autowired
	private JwtEncoder ourSigner;

	@Test
	void userInfoWhenNoTokenThen401BearerChallengeWithoutErrorCode() {
		BackChannel.Reply refused = reply(request(USERINFO).GET());
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"Failsafe ID\"");
		assertThat(refused.raw().headers().firstValue("Location")).isEmpty();
		assertNoInternals(refused.raw());
	}

	@Test
	void userInfoWhenNoTokenFromBrowserThen401NotLoginRedirect() {
		BackChannel.Reply refused = reply(request(USERINFO).header("Accept", "text/html").GET());
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"Failsafe ID\"");
	}

	@Test
	void userInfoWhenTokenIsNotAJwtThen401InvalidToken() {
		assertInvalidToken(bearer("not-a-jwt"));
	}

	@Test
	void userInfoWhenAuthorizationHeaderMalformedThen401InvalidToken() {
		assertInvalidToken(reply(request(USERINFO).header("Authorization", "Bearer a b c").GET()));
	}

	@Test
	void userInfoWhenHeaderOrPayloadIsNotJsonThen401InvalidToken() {
		assertInvalidToken(bearer(base64("{\"alg\":\"RS256\",") + "." + base64("{}") + ".c2ln"));
		assertInvalidToken(bearer(base64("{\"alg\":\"RS256\",\"typ\":\"at+jwt\"}") + "." + base64("{\"sub\":") + ".c2ln"));
	}

	@Test
	void userInfoWhenAlgNoneThen401InvalidToken() {
		String[] real = userAccessToken().split("\\.");
		assertInvalidToken(bearer(base64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + real[1] + "."));
	}

	@Test
	void userInfoWhenPayloadTamperedThen401InvalidToken() throws Exception {
		String[] real = userAccessToken().split("\\.");
		JWTClaimsSet claims = JWTClaimsSet.parse(new String(Base64.getUrlDecoder().decode(real[1]),
				StandardCharsets.UTF_8));
		JWTClaimsSet tampered = new JWTClaimsSet.Builder(claims).subject("mallory").build();
		assertInvalidToken(bearer(real[0] + "." + base64(tampered.toString()) + "." + real[2]));
	}

	@Test
	void userInfoWhenSignedWithAnotherKeyUnderOurKeyIdThen401InvalidToken() throws Exception {
		String[] real = userAccessToken().split("\\.");
		JWSHeader ours = JWSHeader.parse(new String(Base64.getUrlDecoder().decode(real[0]), StandardCharsets.UTF_8));
		RSAKey attackerKey = new RSAKeyGenerator(2048).keyID(ours.getKeyID()).generate();
		SignedJWT forged = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
					.keyID(ours.getKeyID())
					.build(),
				JWTClaimsSet.parse(new String(Base64.getUrlDecoder().decode(real[1]), StandardCharsets.UTF_8)));
		forged.sign(new RSASSASigner(attackerKey));
		assertInvalidToken(bearer(forged.serialize()));
	}

	@Test
	void userInfoWhenTokenExpiredThen401InvalidTokenWithoutExpiryDetails() {
		Instant past = Instant.now().minusSeconds(3600);
		BackChannel.Reply refused = bearer(mint(past.minusSeconds(300), past));
		assertInvalidToken(refused);
		assertThat(refused.raw().body()).doesNotContain("expired at");
	}

	/** Signed by our own key but never issued (not in the store): still refused. */
	@Test
	void userInfoWhenTokenSignedByUsButNeverIssuedThen401InvalidToken() {
		Instant now = Instant.now();
		assertInvalidToken(bearer(mint(now, now.plusSeconds(300))));
	}

	@Test
	void userInfoWhenTokenRevokedThen401InvalidToken() {
		String accessToken = userAccessToken();
		BackChannel.Reply revoked = postForm("/oauth2/revoke", Demo.SHOP, Demo.SHOP_SECRET,
				form("token", accessToken));
		assertThat(revoked.status()).isEqualTo(200);
		assertInvalidToken(bearer(accessToken));
	}

	@Test
	void userInfoWhenIdTokenPresentedAsAccessTokenThen401InvalidToken() {
		assertInvalidToken(bearer(grants().shopTokens().string("id_token")));
	}

	/** RFC 6750 section 3.1: a valid token lacking the scope is 403 insufficient_scope, with the challenge. */
	@Test
	void userInfoWhenClientCredentialsTokenWithoutOpenidThen403InsufficientScope() {
		BackChannel.Reply refused = bearer(partnerAccessToken());
		assertJsonError(refused, 403, "insufficient_scope");
		assertThat(refused.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				value -> assertThat(value).startsWith("Bearer ")
					.contains("error=\"insufficient_scope\"")
					.contains("scope=\"openid\""));
	}

	@Test
	void userInfoWhenPutThen405WithAllowGetAndPost() {
		BackChannel.Reply refused = reply(request(USERINFO).header("Authorization", "Bearer " + userAccessToken())
			.PUT(HttpRequest.BodyPublishers.noBody()));
		assertJsonError(refused, 405, "invalid_request");
		assertThat(refused.raw().headers().firstValue("Allow")).hasValue("GET, POST");
	}

	private void assertInvalidToken(BackChannel.Reply refused) {
		assertJsonError(refused, 401, "invalid_token");
		assertThat(refused.json()).containsEntry("error_description", INVALID_TOKEN_DESCRIPTION);
		assertThat(refused.raw().headers().allValues("WWW-Authenticate")).singleElement()
			.satisfies(value -> assertThat(value).startsWith("Bearer realm=\"Failsafe ID\"")
				.contains("error=\"invalid_token\"")
				.contains("error_description=\"" + INVALID_TOKEN_DESCRIPTION + "\"")
				.doesNotContain("resource_metadata"));
		assertNoInternals(refused.raw());
	}

	private BackChannel.Reply bearer(String token) {
		return this.backChannel.getBearer(USERINFO, token);
	}

	private String userAccessToken() {
		return grants().shopTokens().string("access_token");
	}

	/** An access token for alice with openid, signed with the provider's own current key. */
	private String mint(Instant issuedAt, Instant expiresAt) {
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(PROVIDER.issuer())
			.subject(Demo.USERNAME)
			.audience(List.of(Demo.SHOP))
			.claim("client_id", Demo.SHOP)
			.claim("scope", "openid profile email")
			.id(UUID.randomUUID().toString())
			.issuedAt(issuedAt)
			.notBefore(issuedAt)
			.expiresAt(expiresAt)
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type("at+jwt").build();
		return this.ourSigner.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
