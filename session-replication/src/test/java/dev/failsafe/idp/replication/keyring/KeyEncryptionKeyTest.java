package dev.failsafe.idp.replication.keyring;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KeyEncryptionKeyTest {

	private static final byte[] SECRET = "the private jwk".getBytes(StandardCharsets.UTF_8);

	private final byte[] keyBytes = KeyEncryptionKey.randomKeyBytes();

	private final KeyEncryptionKey kek = KeyEncryptionKey.of(this.keyBytes);

	@Test
	void openWhenSameKeyAndContextThenPlaintext() {
		String sealed = this.kek.seal("kid-1", SECRET);
		assertThat(this.kek.open("kid-1", sealed)).isEqualTo(SECRET);
		assertThat(KeyEncryptionKey.of(this.keyBytes).open("kid-1", sealed)).isEqualTo(SECRET);
	}

	@Test
	void sealWhenRepeatedThenFreshIvEachTime() {
		assertThat(this.kek.seal("kid-1", SECRET)).isNotEqualTo(this.kek.seal("kid-1", SECRET));
	}

	@Test
	void sealWhenDoneThenBase64UrlOfIvCiphertextAndTag() {
		byte[] raw = Base64.getUrlDecoder().decode(this.kek.seal("kid-1", SECRET));
		assertThat(raw).hasSize(12 + SECRET.length + 16);
	}

	@Test
	void openWhenOtherContextThenRefused() {
		String sealed = this.kek.seal("kid-1", SECRET);
		assertThatExceptionOfType(SealedDataException.class).isThrownBy(() -> this.kek.open("kid-2", sealed))
			.isInstanceOf(IllegalStateException.class)
			.withMessageContaining("kid-2");
	}

	@Test
	void openWhenTamperedThenRefused() {
		byte[] raw = Base64.getUrlDecoder().decode(this.kek.seal("kid-1", SECRET));
		raw[raw.length / 2] ^= 1;
		String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
		assertThatExceptionOfType(SealedDataException.class).isThrownBy(() -> this.kek.open("kid-1", tampered));
	}

	@Test
	void openWhenTruncatedOrNotBase64ThenRefused() {
		String sealed = this.kek.seal("kid-1", SECRET);
		assertThatExceptionOfType(SealedDataException.class)
			.isThrownBy(() -> this.kek.open("kid-1", sealed.substring(0, 20)));
		assertThatExceptionOfType(SealedDataException.class).isThrownBy(() -> this.kek.open("kid-1", "!!not base64!!"));
	}

	@Test
	void openWhenOtherKekThenRefused() {
		String sealed = this.kek.seal("kid-1", SECRET);
		assertThatExceptionOfType(SealedDataException.class)
			.isThrownBy(() -> KeyEncryptionKey.generate().open("kid-1", sealed));
	}

	@Test
	void ofWhenNotThirtyTwoBytesThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> KeyEncryptionKey.of(new byte[16]));
	}

	@Test
	void toStringWhenPrintedThenNoKeyBytes() {
		String printed = this.kek.toString();
		assertThat(printed).doesNotContain(Base64.getEncoder().encodeToString(this.keyBytes))
			.doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(this.keyBytes))
			.contains(this.kek.checkValue());
	}

	@Test
	void checkValueWhenSameKeyThenSameValueElseDifferent() {
		assertThat(KeyEncryptionKey.of(this.keyBytes).checkValue()).isEqualTo(this.kek.checkValue());
		assertThat(KeyEncryptionKey.generate().checkValue()).isNotEqualTo(this.kek.checkValue());
	}

}
