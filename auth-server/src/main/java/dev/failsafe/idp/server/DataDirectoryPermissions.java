package dev.failsafe.idp.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Keeps {@code idp.data-dir} to the provider's own user: the directory {@code rwx------} and every
 * file in it {@code rw-------} (the H2 files hold the password hashes, the others are sealed key
 * material). {@link DataDirectory} applies it before anything opens the directory, so a directory
 * left open by an earlier release is closed too; this listener applies it again once the application
 * has started, to the files created meanwhile (H2 creates its files with the process's umask). On a
 * file system without POSIX permissions it does nothing.
 */
public final class DataDirectoryPermissions implements ApplicationListener<ApplicationStartedEvent> {

	static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

	static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	private static final Logger log = LoggerFactory.getLogger(DataDirectoryPermissions.class);

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		String dataDir = event.getApplicationContext().getEnvironment().getProperty(DataDirectory.PROPERTY);
		if (dataDir != null && !dataDir.isBlank()) {
			secure(Path.of(dataDir));
		}
	}

	/** Creates the directory owner-only if missing, else narrows it and the files in it to their owner. */
	static void secure(Path directory) {
		if (!directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			return;
		}
		try {
			if (!Files.isDirectory(directory)) {
				Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
			}
			narrow(directory, DIRECTORY);
			try (Stream<Path> entries = Files.list(directory)) {
				entries.filter(entry -> Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS))
					.forEach(file -> narrow(file, FILE));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot make the data directory " + directory + " owner-only", ex);
		}
	}

	private static void narrow(Path path, Set<PosixFilePermission> permissions) {
		try {
			Set<PosixFilePermission> current = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
			if (!current.equals(permissions)) {
				Files.setPosixFilePermissions(path, permissions);
				log.info("{} was {}; now {}", path, PosixFilePermissions.toString(current),
						PosixFilePermissions.toString(permissions));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot make " + path + " owner-only", ex);
		}
	}

}
