package dev.failsafe.idp.admin.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What the commands read from outside their options, passed in so tests choose it: the
 * environment, the home directory (for the default config file) and the HTTP timeout.
 *
 * @param environment environment variables
 * @param home the user's home directory
 * @param timeout how long to wait to connect and for each answer
 */
record CliContext(Map<String, String> environment, Path home, Duration timeout) {

	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

	CliContext {
		environment = Map.copyOf(environment);
	}

	static CliContext system() {
		return new CliContext(System.getenv(), Path.of(System.getProperty("user.home")), DEFAULT_TIMEOUT);
	}

}
