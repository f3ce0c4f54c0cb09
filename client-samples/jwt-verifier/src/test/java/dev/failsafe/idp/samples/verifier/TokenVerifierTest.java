package dev.failsafe.idp.samples.verifier;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.samples.verifier.testing.LocalIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Every rule of {@link TokenVerifier} against tokens from a {@link LocalIssuer} over real HTTP. */
class TokenVerifierTest {

	private LocalIssuer issuer;

	private TokenVerifier verifier;

	@BeforeEach
	void start() {
		this.issuer = LocalIssuer.create();
		this.verifier = TokenVerifier.create(settings().build());
	}

	@AfterEach
	void stop() throws Exception {
		this.verifier.close();
		this.issuer.close();
	}

	@Test
	void verifyAccessTokenWhenSignedByPublishedKeyThenClaimsReturned() throws Exception {
		VerifiedToken token = this.verifier.verifyAccessToken(this.issuer.accessToken());

		assertThat(token.subject()).isEqualTo("alice");
		assertThat(token.scopes()).containsExactly("orders.read");
		assertThat(token.header().getKeyID()).isEqualTo(this.issuer.signingKey().getKeyID());
	}

	@Test
	void verifyAccessTokenWhenAlgNoneThenAlgorithmNotAllowed() {
		String unsecured = new PlainJWT(LocalIssuer.accessTokenClaims().build()).serialize();

		assertRejected(unsecured, Rejection.ALGORITHM_NOT_ALLOWED);
	}

	@Test
	void verifyAccessTokenWhenHs256SignedWithThePublicKeyThenAlgorithmNotAllowed() throws Exception {
		RSAKey published = this.issuer.signingKey().toPublicJWK();
		// The classic confusion attack: the public key's bytes used as an HMAC secret.
		byte[] secret = published.toRSAPublicKey().getEncoded();
		SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt"))
			.keyID(published.getKeyID())
			.build(), LocalIssuer.accessTokenClaims().build());
		forged.sign(new MACSigner(secret));

		assertRejected(forged.serialize(), Rejection.ALGORITHM_NOT_ALLOWED);
	}

	@Test
	void verifyAccessTokenWhenSignedByUnknownKeyThenUnknownKey() throws Exception {
		RSAKey attacker = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();

		assertRejected(LocalIssuer.sign(attacker, LocalIssuer.accessTokenHeader(attacker.getKeyID()),
				LocalIssuer.accessTokenClaims().build()), Rejection.UNKNOWN_KEY);
	}

	@Test
	void verifyAccessTokenWhenAttackerKeyEmbeddedInHeaderThenUnknownKey() throws Exception {
		RSAKey attacker = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
		JWSHeader.Builder header = LocalIssuer.accessTokenHeader(attacker.getKeyID())
			.jwk(attacker.toPublicJWK())
			.jwkURL(URI.create("http://127.0.0.1:1/attacker-jwks"));

		assertRejected(LocalIssuer.sign(attacker, header, LocalIssuer.accessTokenClaims().build()),
				Rejection.UNKNOWN_KEY);
	}

	@Test
	void verifyAccessTokenWhenAttackerKeyClaimsAPublishedKidThenBadSignature() throws Exception {
		RSAKey attacker = new RSAKeyGenerator(2048).generate();

		assertRejected(LocalIssuer.sign(attacker, LocalIssuer.accessTokenHeader(this.issuer.signingKey().getKeyID()),
				LocalIssuer.accessTokenClaims().build()), Rejection.BAD_SIGNATURE);
	}

	@Test
	void verifyAccessTokenWhenPayloadTamperedThenBadSignature() {
		String[] parts = this.issuer.accessToken().split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace("orders.read", "orders.write");
		String tampered = parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[2];

		assertRejected(tampered, Rejection.BAD_SIGNATURE);
	}

	@Test
	void verifyAccessTokenWhenExpiredBeyondSkewThenExpired() {
		Instant past = Instant.now().minus(Duration.ofMinutes(10));
		String expired = this.issuer.accessToken(claims -> claims.issueTime(Date.from(past))
			.expirationTime(Date.from(past.plus(Duration.ofMinutes(5)))));

		assertRejected(expired, Rejection.EXPIRED);
	}

	@Test
	void verifyAccessTokenWhenExpiredWithinSkewThenAccepted() throws Exception {
		Instant now = Instant.now();
		String justExpired = this.issuer.accessToken(claims -> claims.issueTime(Date.from(now.minusSeconds(300)))
			.expirationTime(Date.from(now.minusSeconds(10))));

		assertThat(this.verifier.verifyAccessToken(justExpired).subject()).isEqualTo("alice");
	}

	@Test
	void verifyAccessTokenWhenIssuedInTheFutureThenNotYetValid() {
		Instant later = Instant.now().plus(Duration.ofMinutes(10));
		String early = this.issuer.accessToken(claims -> claims.issueTime(Date.from(later))
			.expirationTime(Date.from(later.plus(Duration.ofMinutes(5)))));

		assertRejected(early, Rejection.NOT_YET_VALID);
	}

	@Test
	void verifyAccessTokenWhenMeantForAnotherAudienceThenWrongAudience() {
		assertRejected(this.issuer.accessToken(claims -> claims.audience(List.of("demo-admin"))),
				Rejection.WRONG_AUDIENCE);
	}

	@Test
	void verifyAccessTokenWhenIssuedByAnotherIssuerThenWrongIssuer() {
		assertRejected(this.issuer.accessToken(claims -> claims.issuer("https://other.test")), Rejection.WRONG_ISSUER);
	}

	@Test
	void verifyAccessTokenWhenClientIdMissingThenMissingClaim() {
		assertRejected(this.issuer.accessToken(claims -> claims.claim("client_id", null)), Rejection.MISSING_CLAIM);
	}

	@Test
	void verifyAccessTokenWhenIdTokenThenWrongType() {
		RSAKey key = this.issuer.signingKey();
		String idToken = LocalIssuer.sign(key, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()),
				LocalIssuer.accessTokenClaims().build());

		assertRejected(idToken, Rejection.WRONG_TYPE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "abc", "a.b.c", "eyJhbGciOiJSUzI1NiJ9.e30", "eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCJ9.!!!.sig",
			"e30.e30.e30", "bnVsbA.bnVsbA.bnVsbA" })
	void verifyAccessTokenWhenNotAJwtThenMalformed(String garbage) {
		assertRejected(garbage, Rejection.MALFORMED);
	}

	@Test
	void verifyAccessTokenWhenHugeThenMalformedWithoutParsing() {
		assertRejected("a".repeat(TokenVerifier.MAX_TOKEN_LENGTH + 1), Rejection.MALFORMED);
	}

	@Test
	void verifyIdTokenWhenNonceDiffersThenWrongNonce() throws Exception {
		RSAKey key = this.issuer.signingKey();
		JWTClaimsSet claims = LocalIssuer.accessTokenClaims().audience("demo-shop").claim("nonce", "n-1").build();
		String idToken = LocalIssuer.sign(key, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
			.type(JOSEObjectType.JWT), claims);
		try (TokenVerifier idTokens = TokenVerifier.create(settings().audience(null).clientId("demo-shop").build())) {
			assertThat(idTokens.verifyIdToken(idToken, "n-1").subject()).isEqualTo("alice");
			assertThatExceptionOfType(TokenRejectedException.class).isThrownBy(() -> idTokens.verifyIdToken(idToken, "n-2"))
				.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Rejection.WRONG_NONCE));
		}
	}

	@Test
	void verifyAccessTokenWhenIssuerUnreachableAndNothingCachedThenKeysUnavailable() {
		String token = this.issuer.accessToken();
		this.issuer.stop();

		assertThatExceptionOfType(KeysUnavailableException.class)
			.isThrownBy(() -> this.verifier.verifyAccessToken(token));
	}

	private VerifierSettings.Builder settings() {
		return VerifierSettings.builder(URI.create(LocalIssuer.ISSUER), this.issuer.jwksUri())
			.audience(LocalIssuer.AUDIENCE);
	}

	private void assertRejected(String token, Rejection reason) {
		assertThatExceptionOfType(TokenRejectedException.class).isThrownBy(() -> this.verifier.verifyAccessToken(token))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(reason))
			.withMessage(reason.description());
	}

}
