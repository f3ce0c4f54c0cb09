package dev.failsafe.idp.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds an external program a test needs (a browser, a database server). Missing in CI
 * ({@code CI=true}) the test fails, naming the Debian package to install; elsewhere it is skipped.
 */
public final class RequiredComponent {

	private RequiredComponent() {
	}

	/**
	 * The executable at {@code $environmentVariable} if set, else at {@code defaultPath}.
	 * @param debianPackage the package that provides it, for the failure message
	 */
	public static Path executable(String environmentVariable, String defaultPath, String debianPackage) {
		String configured = System.getenv(environmentVariable);
		Path path = Path.of((configured != null && !configured.isBlank()) ? configured : defaultPath);
		if (!Files.isExecutable(path)) {
			return missing(path + " is missing: install the Debian package '" + debianPackage + "' (apt-get install -y "
					+ debianPackage + ") or set " + environmentVariable);
		}
		return path;
	}

	/** Fails the test in CI, skips it elsewhere; {@code message} says what to install. */
	public static <T> T missing(String message) {
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			return Assertions.fail(message);
		}
		Assumptions.abort(message);
		throw new IllegalStateException(message);
	}

}
