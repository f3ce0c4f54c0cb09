package dev.failsafe.idp.replication.keyring;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files only their owner may read: secrets on disk are created {@code rw-------} from the first
 * byte (never created open and narrowed later), and written in full before they become visible.
 */
final class OwnerOnlyFiles {

	private static final Logger logger = LoggerFactory.getLogger(OwnerOnlyFiles.class);

	private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OWNER_ALL = PosixFilePermissions.fromString("rwx------");

	private OwnerOnlyFiles() {
	}

	/** Creates the parent directories that are missing, owner-only. */
	static Path createParentDirectories(Path file) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		if (!Files.isDirectory(parent)) {
			if (isPosix(parent)) {
				Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(OWNER_ALL));
			}
			else {
				Files.createDirectories(parent);
			}
		}
		return parent;
	}

	/** A new owner-only temporary file in {@code directory} holding {@code content}, flushed to disk. */
	static Path writeTemporary(Path directory, String prefix, byte[] content) throws IOException {
		Path temporary = isPosix(directory)
				? Files.createTempFile(directory, prefix, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE))
				: Files.createTempFile(directory, prefix, ".tmp", new FileAttribute<?>[0]);
		try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
			channel.write(java.nio.ByteBuffer.wrap(content));
			channel.force(true);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(temporary);
			throw ex;
		}
		return temporary;
	}

	/** Makes a rename in {@code directory} durable; best effort where directories cannot be synced. */
	static void syncDirectory(Path directory) {
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			logger.debug("Cannot sync directory {}", directory, ex);
		}
	}

	/** Warns when a secret file is readable by others than its owner. */
	static void warnIfShared(Path file) {
		try {
			if (isPosix(file)) {
				Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
				if (!OWNER_READ_WRITE.containsAll(permissions)) {
					logger.warn("{} is accessible to others than its owner ({}); make it rw-------", file,
							PosixFilePermissions.toString(permissions));
				}
			}
		}
		catch (IOException ex) {
			logger.debug("Cannot read the permissions of {}", file, ex);
		}
	}

	private static boolean isPosix(Path path) {
		return path.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

}
