package dev.failsafe.idp.server.keys;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.replication.keyring.KeyEncryptionKey;
import dev.failsafe.idp.replication.keyring.KeyLifecycle;
import dev.failsafe.idp.replication.keyring.KeyRevocation;
import dev.failsafe.idp.replication.keyring.KeyRing;
import dev.failsafe.idp.replication.keyring.KeyRingSnapshot;
import dev.failsafe.idp.replication.keyring.SigningAlgorithm;
import dev.failsafe.idp.replication.keyring.SigningKeyRecord;
import dev.failsafe.idp.replication.keyring.SigningKeyVault;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The direct signing path writes what Spring's {@code NimbusJwtEncoder} writes for the same header
 * and claims (same header parameters, same claims JSON), with a signature the published key
 * verifies; a header it does not write takes the general path, which names the same key.
 */
class RingJwtEncoderTest {

	private static final Instant NOW = Instant.parse("2026-06-01T10:00:00.123456789Z");

	private final SigningKeyVault vault = new SigningKeyVault(KeyEncryptionKey.generate());

	@ParameterizedTest
	@EnumSource(SigningAlgorithm.class)
	void encodeWhenOurHeaderAndClaimsThenWhatNimbusWritesSignedByTheRingsSigner(SigningAlgorithm algorithm)
			throws Exception {
		SigningKeyRecord record = this.vault.generate(algorithm, NOW.minusSeconds(60), NOW.minusSeconds(60));
		RingJwtEncoder encoder = new RingJwtEncoder(keys(record), Clock.fixed(NOW, ZoneOffset.UTC));
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.from(algorithm.name())).type("at+jwt").build();
		JwtClaimsSet claims = claims();

		Jwt direct = encoder.encode(JwtEncoderParameters.from(header, claims));
		Jwt nimbus = nimbus(record).encode(JwtEncoderParameters.from(JwsHeader.from(header).keyId(record.kid()).build(),
				claims));

		SignedJWT ours = SignedJWT.parse(direct.getTokenValue());
		SignedJWT theirs = SignedJWT.parse(nimbus.getTokenValue());
		assertThat(ours.getHeader().toJSONObject()).isEqualTo(theirs.getHeader().toJSONObject());
		assertThat(ours.getHeader().getKeyID()).isEqualTo(record.kid());
		assertThat(ours.getPayload().toJSONObject()).isEqualTo(theirs.getPayload().toJSONObject());
		assertThat(ours.getPayload().toJSONObject()).containsEntry("aud", "one-client")
			.containsEntry("exp", NOW.plusSeconds(300).getEpochSecond())
			.containsEntry("auth_time", NOW.getEpochSecond());
		assertThat(ours.verify(verifier(record))).isTrue();
		assertThat(direct.getHeaders()).isEqualTo(nimbus.getHeaders());
		assertThat(direct.getClaims()).isEqualTo(claims.getClaims());
		assertThat(direct.getExpiresAt()).isEqualTo(claims.getExpiresAt());
	}

	@ParameterizedTest
	@EnumSource(SigningAlgorithm.class)
	void encodeWhenHeaderHasAnotherParameterThenGeneralPathWithTheSameKey(SigningAlgorithm algorithm)
			throws Exception {
		SigningKeyRecord record = this.vault.generate(algorithm, NOW.minusSeconds(60), NOW.minusSeconds(60));
		RingJwtEncoder encoder = new RingJwtEncoder(keys(record), Clock.fixed(NOW, ZoneOffset.UTC));
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.from(algorithm.name()))
			.contentType("example")
			.build();

		SignedJWT token = SignedJWT.parse(encoder.encode(JwtEncoderParameters.from(header, claims())).getTokenValue());

		assertThat(token.getHeader().getContentType()).isEqualTo("example");
		assertThat(token.getHeader().getKeyID()).isEqualTo(record.kid());
		assertThat(token.verify(verifier(record))).isTrue();
	}

	private JwtClaimsSet claims() {
		Map<String, Object> address = new LinkedHashMap<>();
		address.put("country", "KR");
		address.put("locality", "Seongnam");
		return JwtClaimsSet.builder()
			.issuer("https://idp.example/tenant")
			.subject("alice")
			.audience(List.of("one-client"))
			.issuedAt(NOW)
			.notBefore(NOW)
			.expiresAt(NOW.plusSeconds(300))
			.id("4f7b4c2e-1c1f-4b51-9a1e-0a2f5b9c1d11")
			.claim("scope", "openid orders.read")
			.claim("email_verified", true)
			.claim("updated_at", 1_796_418_382L)
			.claim("auth_time", Date.from(NOW))
			.claim("groups", new ArrayList<>(List.of("a", "b \"quoted\" é")))
			.claim("address", address)
			.claim("website", URI.create("https://alice.example/"))
			.build();
	}

	private ActiveKeys keys(SigningKeyRecord record) {
		KeyRingSnapshot snapshot = KeyRingSnapshot.of(List.of(record), List.of());
		KeyRing ring = new KeyRing() {
			@Override
			public KeyRingSnapshot snapshot() {
				return snapshot;
			}

			@Override
			public void add(SigningKeyRecord key) {
				throw new UnsupportedOperationException();
			}

			@Override
			public void revoke(KeyRevocation revocation) {
				throw new UnsupportedOperationException();
			}

			@Override
			public void onChange(Runnable listener) {
			}
		};
		return new ActiveKeys(ring, this.vault, new KeyLifecycle(Duration.ofMinutes(6)));
	}

	private NimbusJwtEncoder nimbus(SigningKeyRecord record) {
		return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(this.vault.privateJwk(record))));
	}

	private JWSVerifier verifier(SigningKeyRecord record) throws Exception {
		JWK published = this.vault.publicJwk(record);
		return (record.algorithm() == SigningAlgorithm.RS256) ? new RSASSAVerifier(published.toRSAKey())
				: new ECDSAVerifier(published.toECKey());
	}

}
