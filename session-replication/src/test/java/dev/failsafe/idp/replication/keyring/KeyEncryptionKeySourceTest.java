package dev.failsafe.idp.replication.keyring;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class KeyEncryptionKeySourceTest {

	private static final byte[] SECRET = "secret".getBytes(StandardCharsets.UTF_8);

	@TempDir
	Path directory;

	private final byte[] keyBytes = KeyEncryptionKey.randomKeyBytes();

	@Test
	void loadOrGenerateWhenMissingThenOwnerOnlyFileWithParentsAndReusedNextTime() throws Exception {
		Path file = this.directory.resolve("nested/deeper/keyring.kek");
		KeyEncryptionKey generated = KeyEncryptionKeySource.loadOrGenerate(file);
		assertThat(Files.size(file)).isEqualTo(32);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
			.isEqualTo("rwx------");
		KeyEncryptionKey reloaded = KeyEncryptionKeySource.loadOrGenerate(file);
		assertThat(reloaded.open("ctx", generated.seal("ctx", SECRET))).isEqualTo(SECRET);
		assertThat(Files.list(file.getParent())).containsExactly(file);
	}

	@Test
	void fromFileWhenRawBytesOrBase64TextThenSameKey() throws Exception {
		Path raw = Files.write(this.directory.resolve("raw.kek"), this.keyBytes);
		Path text = Files.writeString(this.directory.resolve("text.kek"),
				Base64.getEncoder().encodeToString(this.keyBytes) + "\n");
		String sealed = KeyEncryptionKey.of(this.keyBytes).seal("ctx", SECRET);
		assertThat(KeyEncryptionKeySource.fromFile(raw).open("ctx", sealed)).isEqualTo(SECRET);
		assertThat(KeyEncryptionKeySource.fromFile(text).open("ctx", sealed)).isEqualTo(SECRET);
	}

	@Test
	void fromBase64WhenStandardOrUrlAlphabetThenSameKey() {
		String sealed = KeyEncryptionKey.of(this.keyBytes).seal("ctx", SECRET);
		assertThat(KeyEncryptionKeySource.fromBase64(Base64.getEncoder().encodeToString(this.keyBytes))
			.open("ctx", sealed)).isEqualTo(SECRET);
		assertThat(KeyEncryptionKeySource.fromBase64(Base64.getUrlEncoder().withoutPadding().encodeToString(this.keyBytes))
			.open("ctx", sealed)).isEqualTo(SECRET);
	}

	@Test
	void fromBase64WhenWrongLengthOrNotBase64ThenRefusedWithoutEchoingIt() {
		String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
		assertThatIllegalStateException().isThrownBy(() -> KeyEncryptionKeySource.fromBase64(shortKey))
			.withMessageContaining("32 bytes")
			.withMessageNotContaining(shortKey);
		assertThatIllegalStateException().isThrownBy(() -> KeyEncryptionKeySource.fromBase64("s3cr3t*value"))
			.withMessageNotContaining("s3cr3t");
	}

	@Test
	void resolveWhenVariableSetThenItWinsOverFile() throws Exception {
		Path file = Files.write(this.directory.resolve("file.kek"), KeyEncryptionKey.randomKeyBytes());
		KeyEncryptionKey kek = KeyEncryptionKeySource.resolve("IDP_KEK",
				Base64.getEncoder().encodeToString(this.keyBytes), file, true);
		assertThat(kek.checkValue()).isEqualTo(KeyEncryptionKey.of(this.keyBytes).checkValue());
	}

	@Test
	void resolveWhenVariableUnsetThenFile() throws Exception {
		Path file = Files.write(this.directory.resolve("file.kek"), this.keyBytes);
		assertThat(KeyEncryptionKeySource.resolve("IDP_KEK", null, file, false).checkValue())
			.isEqualTo(KeyEncryptionKey.of(this.keyBytes).checkValue());
	}

	@Test
	void resolveWhenNothingAndGenerationOffThenClearFailure() {
		Path file = this.directory.resolve("missing.kek");
		assertThatIllegalStateException().isThrownBy(() -> KeyEncryptionKeySource.resolve("IDP_KEK", null, file, false))
			.withMessageContaining("IDP_KEK")
			.withMessageContaining("missing.kek");
		assertThat(file).doesNotExist();
	}

	@Test
	void resolveWhenNothingAndGenerationOnThenGenerated() {
		Path file = this.directory.resolve("generated.kek");
		KeyEncryptionKeySource.resolve("IDP_KEK", "", file, true);
		assertThat(file).exists();
	}

}
