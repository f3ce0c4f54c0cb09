package dev.failsafe.idp.replication.keyring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This member's own copy of the whole key ring, in one file: open-source Hazelcast keeps nothing on
 * disk, so a cold start reloads the ring from here.
 *
 * <p>The file is the ring's JSON ({@link RingFileFormat}) sealed as a whole under the
 * {@link KeyEncryptionKey} with context {@value #CONTEXT}: encrypted, and any change to it is
 * detected. It is replaced atomically (an owner-only temporary file in the same directory, flushed,
 * then renamed over it), so a crash leaves the old ring or the new one, never half of either.
 */
public final class LocalRingFile {

	/** The sealing context of the file. */
	public static final String CONTEXT = "keyring-file";

	private static final Logger logger = LoggerFactory.getLogger(LocalRingFile.class);

	private final Path file;

	private final KeyEncryptionKey kek;

	/** The ring last read or written, with the file's state then: read again only when it changed. */
	private Cached cached;

	public LocalRingFile(Path file, KeyEncryptionKey kek) {
		this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
		this.kek = Objects.requireNonNull(kek, "kek");
	}

	public Path path() {
		return this.file;
	}

	/**
	 * The ring in the file, {@link KeyRingSnapshot#EMPTY} if there is no file yet.
	 * @throws RingFileUnreadableException if the file was altered or sealed under another KEK
	 */
	public synchronized KeyRingSnapshot read() {
		String sealed;
		String state;
		try {
			state = state();
			if (this.cached != null && this.cached.state().equals(state)) {
				return this.cached.ring();
			}
			sealed = Files.readString(this.file, StandardCharsets.US_ASCII).strip();
		}
		catch (NoSuchFileException ex) {
			return KeyRingSnapshot.EMPTY;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the key ring file " + this.file, ex);
		}
		byte[] json;
		try {
			json = this.kek.open(CONTEXT, sealed);
		}
		catch (SealedDataException ex) {
			throw new RingFileUnreadableException(this.file,
					"it was altered, or sealed under another key-encryption key", ex);
		}
		KeyRingSnapshot ring;
		try {
			ring = RingFileFormat.read(json);
		}
		catch (IllegalArgumentException ex) {
			throw new RingFileUnreadableException(this.file, ex.getMessage(), ex);
		}
		this.cached = new Cached(state, ring);
		return ring;
	}

	/** The file's identity, size and modification time: what changes when anyone replaces it. */
	private String state() throws IOException {
		BasicFileAttributes attributes = Files.readAttributes(this.file, BasicFileAttributes.class);
		return attributes.fileKey() + "/" + attributes.size() + "/" + attributes.lastModifiedTime().toMillis();
	}

	/** Replaces the file by {@code ring}, atomically. */
	public synchronized void write(KeyRingSnapshot ring) {
		byte[] sealed = this.kek.seal(CONTEXT, RingFileFormat.write(ring)).getBytes(StandardCharsets.US_ASCII);
		try {
			Path directory = OwnerOnlyFiles.createParentDirectories(this.file);
			Path temporary = OwnerOnlyFiles.writeTemporary(directory, "." + this.file.getFileName() + "-", sealed);
			try {
				Files.move(temporary, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
			OwnerOnlyFiles.syncDirectory(directory);
			this.cached = new Cached(state(), ring);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the key ring file " + this.file, ex);
		}
		logger.debug("Wrote {} keys and {} revocations to {}", ring.keys().size(), ring.revocations().size(),
				this.file);
	}

	/**
	 * Adds {@code more} to the file (read, union, write when it changed), as one step for this JVM.
	 * @return the ring now in the file
	 * @throws ConflictingKeyMaterialException if a kid in {@code more} has other material in the file
	 */
	public synchronized KeyRingSnapshot merge(KeyRingSnapshot more) {
		KeyRingSnapshot current = read();
		KeyRingSnapshot merged = current.union(more);
		if (!merged.equals(current)) {
			write(merged);
		}
		return merged;
	}

	private record Cached(String state, KeyRingSnapshot ring) {
	}

	@Override
	public String toString() {
		return "LocalRingFile[" + this.file + "]";
	}

}
