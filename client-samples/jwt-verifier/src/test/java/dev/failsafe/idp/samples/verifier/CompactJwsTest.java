package dev.failsafe.idp.samples.verifier;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.samples.verifier.testing.LocalIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast parse gives Nimbus exactly what its own parser would, and declines everything else. */
class CompactJwsTest {

	private static RSAKey key;

	private static String token;

	@BeforeAll
	static void sign() throws Exception {
		key = new RSAKeyGenerator(2048).keyID("k1").generate();
		token = LocalIssuer.sign(key, LocalIssuer.accessTokenHeader("k1"), LocalIssuer.accessTokenClaims().build());
	}

	@Test
	void parseOrNullWhenSignedJwtThenSameHeaderClaimsAndSignatureAsNimbus() throws Exception {
		SignedJWT fast = CompactJws.parseOrNull(token);
		SignedJWT nimbus = SignedJWT.parse(token);

		assertThat(fast).isNotNull();
		assertThat(fast.getHeader().toJSONObject()).isEqualTo(nimbus.getHeader().toJSONObject());
		assertThat(fast.getJWTClaimsSet().toJSONObject()).isEqualTo(nimbus.getJWTClaimsSet().toJSONObject());
		assertThat(fast.getSignature().decode()).isEqualTo(nimbus.getSignature().decode());
		assertThat(fast.getSigningInput()).isEqualTo(nimbus.getSigningInput());
		assertThat(fast.verify(new RSASSAVerifier(key.toRSAPublicKey()))).isTrue();
	}

	@Test
	void parseOrNullWhenSignatureAlteredThenParsedButDoesNotVerify() throws Exception {
		String altered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

		SignedJWT fast = CompactJws.parseOrNull(altered);

		assertThat(fast).isNotNull();
		assertThat(fast.verify(new RSASSAVerifier(key.toRSAPublicKey()))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "abc", "a.b", "a.b.c.d", "a.b.c.d.e", "eyJhbGciOiJub25lIn0.e30.",
			"eyJhbGciOiJSUzI1NiJ9.!!!.sig", "eyJhbGciOiJSUzI1NiJ9.e30.a b", "bnVsbA.bnVsbA.bnVsbA", "e30.e30.e30" })
	void parseOrNullWhenNotASignedCompactJwtThenNull(String notSigned) {
		assertThat(CompactJws.parseOrNull(notSigned)).isNull();
	}

}
