package dev.failsafe.idp.admin.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the ITs that run the CLI in-process (captured output) against the real provider process
 * ({@link RunningProvider}, one for the whole run), with its demo admin client's credentials and a
 * fresh home directory per test. Tests run in their {@code @Order}.
 */
@ExtendWith(RunningProvider.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ProviderCommandsIT {

	static RunningProvider.Provider provider;

	@TempDir
	Path home;

	@BeforeAll
	static void provider(RunningProvider.Provider running) {
		provider = running;
	}

	CliRun run(String... args) {
		return run(Map.of(), args);
	}

	/** Runs with {@code extraEnvironment} on top of the provider's (a password variable, say). */
	CliRun run(Map<String, String> extraEnvironment, String... args) {
		Map<String, String> environment = new HashMap<>(provider.environment());
		environment.putAll(extraEnvironment);
		return CliRun.of(environment, this.home, args);
	}

}
