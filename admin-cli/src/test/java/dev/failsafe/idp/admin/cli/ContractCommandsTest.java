package dev.failsafe.idp.admin.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the tests that run commands against canned answers taken from docs/admin-api.md: a fresh
 * {@link ContractServer} and home directory per test, the CLI pointed at the server.
 */
abstract class ContractCommandsTest {

	@TempDir
	Path home;

	ContractServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = new ContractServer();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	CliRun run(String... args) {
		return run(Map.of(), args);
	}

	/** Runs with {@code extraEnvironment} on top of the server's settings. */
	CliRun run(Map<String, String> extraEnvironment, String... args) {
		Map<String, String> environment = new HashMap<>(this.server.environment());
		environment.putAll(extraEnvironment);
		return CliRun.of(environment, this.home, args);
	}

}
