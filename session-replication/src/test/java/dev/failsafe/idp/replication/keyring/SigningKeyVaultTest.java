package dev.failsafe.idp.replication.keyring;

import java.time.Instant;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SigningKeyVaultTest {

	private static final Instant PUBLISH = Instant.parse("2030-01-01T00:00:00Z");

	private static final Instant ACTIVATE = PUBLISH.plusSeconds(3600);

	private final SigningKeyVault vault = new SigningKeyVault(KeyEncryptionKey.generate());

	@ParameterizedTest
	@ValueSource(strings = { "RS256", "ES256" })
	void generateWhenSupportedAlgorithmThenKidIsThumbprintAndTimesKept(SigningAlgorithm algorithm) throws Exception {
		SigningKeyRecord record = this.vault.generate(algorithm, PUBLISH, ACTIVATE);
		JWK publicJwk = JWK.parse(record.publicJwk());
		assertThat(record.kid()).isEqualTo(publicJwk.computeThumbprint().toString());
		assertThat(record.algorithm()).isEqualTo(algorithm);
		assertThat(record.publishAt()).isEqualTo(PUBLISH);
		assertThat(record.activateAt()).isEqualTo(ACTIVATE);
		assertThat(publicJwk.getKeyID()).isEqualTo(record.kid());
		assertThat(publicJwk.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
		assertThat(publicJwk.getAlgorithm()).isEqualTo(JWSAlgorithm.parse(algorithm.name()));
		assertThat(publicJwk.isPrivate()).isFalse();
		assertThat(record.sealedPrivateJwk()).doesNotContain("\"d\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "RS256", "ES256" })
	void privateJwkWhenSameKekThenSignsWhatPublicJwkVerifies(SigningAlgorithm algorithm) throws Exception {
		SigningKeyRecord record = this.vault.generate(algorithm, PUBLISH, ACTIVATE);
		JWK privateJwk = this.vault.privateJwk(record);
		assertThat(privateJwk.isPrivate()).isTrue();
		assertThat(privateJwk.getKeyID()).isEqualTo(record.kid());
		JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.parse(algorithm.name())).keyID(record.kid()).build(),
				new Payload("hello"));
		jws.sign(new DefaultJWSSignerFactory().createJWSSigner(privateJwk));
		JWK publicJwk = this.vault.publicJwk(record);
		assertThat(jws.verify(new DefaultJWSVerifierFactory().createJWSVerifier(jws.getHeader(),
				((AsymmetricJWK) publicJwk).toPublicKey()))).isTrue();
	}

	@Test
	void privateJwkWhenOtherKekThenRefused() {
		SigningKeyRecord record = this.vault.generate(SigningAlgorithm.ES256, PUBLISH, ACTIVATE);
		SigningKeyVault other = new SigningKeyVault(KeyEncryptionKey.generate());
		assertThatExceptionOfType(SealedDataException.class).isThrownBy(() -> other.privateJwk(record));
	}

	@Test
	void privateJwkWhenSealedMaterialMovedToOtherKidThenRefused() {
		SigningKeyRecord first = this.vault.generate(SigningAlgorithm.ES256, PUBLISH, ACTIVATE);
		SigningKeyRecord second = this.vault.generate(SigningAlgorithm.ES256, PUBLISH, ACTIVATE);
		SigningKeyRecord swapped = new SigningKeyRecord(second.kid(), SigningAlgorithm.ES256, second.publicJwk(),
				first.sealedPrivateJwk(), PUBLISH, ACTIVATE);
		assertThatExceptionOfType(SealedDataException.class).isThrownBy(() -> this.vault.privateJwk(swapped));
	}

	@Test
	void publicJwkWhenMaterialDoesNotMatchKidThenRefused() {
		SigningKeyRecord first = this.vault.generate(SigningAlgorithm.ES256, PUBLISH, ACTIVATE);
		SigningKeyRecord second = this.vault.generate(SigningAlgorithm.ES256, PUBLISH, ACTIVATE);
		SigningKeyRecord swapped = new SigningKeyRecord(first.kid(), SigningAlgorithm.ES256, second.publicJwk(),
				first.sealedPrivateJwk(), PUBLISH, ACTIVATE);
		assertThatIllegalStateException().isThrownBy(() -> this.vault.publicJwk(swapped))
			.withMessageContaining(first.kid());
	}

	@Test
	void generateWhenUnsupportedAlgorithmThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.vault.generate(SigningAlgorithm.of("HS256"), PUBLISH, ACTIVATE))
			.withMessageContaining("HS256");
	}

}
