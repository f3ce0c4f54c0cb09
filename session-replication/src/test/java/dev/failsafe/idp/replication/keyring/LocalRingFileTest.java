package dev.failsafe.idp.replication.keyring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.failsafe.idp.replication.keyring.SigningKeyFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LocalRingFileTest {

	private static final Instant T0 = Instant.parse("2030-01-01T00:00:00.123Z");

	@TempDir
	Path directory;

	private final KeyEncryptionKey kek = KeyEncryptionKey.generate();

	private final KeyRingSnapshot ring = KeyRingSnapshot.of(
			List.of(SigningKeyFixtures.activeKey(), record("rsa", SigningAlgorithm.RS256, T0, T0.plusSeconds(60))),
			List.of(new KeyRevocation("rsa", T0.plusSeconds(30))));

	@Test
	void readWhenWrittenThenSameRing() {
		LocalRingFile file = new LocalRingFile(this.directory.resolve("keyring.ring"), this.kek);
		file.write(this.ring);
		assertThat(file.read()).isEqualTo(this.ring);
		assertThat(new LocalRingFile(file.path(), this.kek).read()).isEqualTo(this.ring);
	}

	@Test
	void readWhenNoFileThenEmpty() {
		assertThat(new LocalRingFile(this.directory.resolve("none.ring"), this.kek).read())
			.isEqualTo(KeyRingSnapshot.EMPTY);
	}

	@Test
	void writeWhenDoneThenEncryptedOwnerOnlyAndNoTemporaryFilesLeft() throws Exception {
		Path path = this.directory.resolve("sub/keyring.ring");
		LocalRingFile file = new LocalRingFile(path, this.kek);
		file.write(this.ring);
		file.write(KeyRingSnapshot.EMPTY);
		file.write(this.ring);
		assertThat(Files.list(path.getParent())).containsExactly(path);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
		// Sealed as a whole: one base64url token, no JSON in sight.
		assertThat(Files.readString(path)).matches("[A-Za-z0-9_-]+");
	}

	@Test
	void readWhenTamperedThenRefusedLoudly() throws Exception {
		Path path = this.directory.resolve("keyring.ring");
		LocalRingFile file = new LocalRingFile(path, this.kek);
		file.write(this.ring);
		char[] content = Files.readString(path).toCharArray();
		int middle = content.length / 2;
		content[middle] = (content[middle] == 'A') ? 'B' : 'A';
		Files.writeString(path, new String(content));
		// Read as a node starting on it would: the writer's own instance may keep what it wrote while
		// the file's inode, size and modification time (same millisecond here) look unchanged.
		LocalRingFile restarted = new LocalRingFile(path, this.kek);
		assertThatExceptionOfType(RingFileUnreadableException.class).isThrownBy(restarted::read)
			.withMessageContaining(path.toString());
	}

	@Test
	void readWhenSealedUnderOtherKekThenRefused() {
		Path path = this.directory.resolve("keyring.ring");
		new LocalRingFile(path, this.kek).write(this.ring);
		assertThatExceptionOfType(RingFileUnreadableException.class)
			.isThrownBy(() -> new LocalRingFile(path, KeyEncryptionKey.generate()).read());
	}

	@Test
	void readWhenValidSealOverNonRingThenRefused() throws Exception {
		Path path = this.directory.resolve("keyring.ring");
		Files.writeString(path, this.kek.seal(LocalRingFile.CONTEXT, "{\"format\":99}".getBytes()));
		assertThatExceptionOfType(RingFileUnreadableException.class)
			.isThrownBy(() -> new LocalRingFile(path, this.kek).read());
	}

	@Test
	void mergeWhenCalledThenUnionStored() {
		LocalRingFile file = new LocalRingFile(this.directory.resolve("keyring.ring"), this.kek);
		file.write(this.ring);
		KeyRingSnapshot more = KeyRingSnapshot.of(List.of(record("ec", SigningAlgorithm.ES256, T0, T0)),
				List.of(new KeyRevocation("rsa", T0)));
		assertThat(file.merge(more)).isEqualTo(this.ring.union(more));
		assertThat(file.read()).isEqualTo(this.ring.union(more));
	}

}
