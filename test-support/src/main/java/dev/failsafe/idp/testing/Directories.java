package dev.failsafe.idp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary directories of the servers a test starts. */
public final class Directories {

	private Directories() {
	}

	/** A new empty directory under the system's temporary directory. */
	public static Path createTemp(String prefix) {
		try {
			return Files.createTempDirectory(prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Deletes {@code directory} and everything in it; a leftover file is harmless, so errors are ignored. */
	public static void deleteQuietly(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			// Best effort.
		}
	}

}
