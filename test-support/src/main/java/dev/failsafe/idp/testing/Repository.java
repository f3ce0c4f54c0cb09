package dev.failsafe.idp.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of this repository, found from the working directory of any module's tests. */
public final class Repository {

	private Repository() {
	}

	/**
	 * The file named by the system property {@code property} when the build sets it, else the file at
	 * {@code relative} in the nearest directory, from the working directory up, that holds one.
	 * @throws IllegalStateException if there is none
	 */
	public static Path file(String property, Path relative) {
		String configured = System.getProperty(property);
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured).toAbsolutePath().normalize();
		}
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve(relative))) {
				return dir.resolve(relative);
			}
		}
		throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath() + " and -D"
				+ property + " not set");
	}

}
