package dev.failsafe.idp.server.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.failsafe.idp.testing.provider.ProviderProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged provider started as the test kit starts it ({@code java @jvm.options ... -jar}):
 * ready, and Hazelcast has the module access it asks for (without the flags it logs a warning that
 * names them).
 */
class ProviderProcessIT {

	/** Hazelcast's own words when the flags are missing ({@code ModularJavaUtils}). */
	private static final String HAZELCAST_WITHOUT_FLAGS = "without proper access to required Java packages";

	@TempDir
	Path dir;

	@Test
	void startWhenLaunchedWithTheJvmOptionsFileThenReadyAndHazelcastHasItsModuleAccess() throws Exception {
		try (ProviderProcess provider = ProviderProcess.standalone("provider", this.dir.resolve("data"))) {
			provider.start().awaitReady(Duration.ofSeconds(120));

			String log = Files.readString(this.dir.resolve("data/process.log"));
			assertThat(log).contains("Hazelcast").doesNotContain(HAZELCAST_WITHOUT_FLAGS);
		}
	}

}
