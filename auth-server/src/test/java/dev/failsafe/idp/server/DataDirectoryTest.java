package dev.failsafe.idp.server;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.failsafe.idp.server.testing.RunningProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default starts with a relative data directory, as the README's run command uses
 * ({@code data}): H2 refuses bare relative paths, so the directory is made absolute first, and
 * every file lands in it.
 */
class DataDirectoryTest {

	@Test
	void startWhenDataDirectoryRelativeThenStoresEverythingUnderIt() {
		RunningProvider provider = RunningProvider.create();
		String relative = "target/relative-data-" + System.nanoTime();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AuthServerApplication.class).run(
				"--server.port=" + provider.port(), "--idp.issuer=" + provider.issuer(), "--idp.data-dir=" + relative)) {
			Path absolute = Path.of(relative).toAbsolutePath().normalize();
			assertThat(context.getEnvironment().getProperty("idp.data-dir")).isEqualTo(absolute.toString());
			assertThat(absolute.resolve("directory.mv.db")).exists();
			assertThat(absolute.resolve("keyring.kek")).exists();
			assertThat(Files.exists(absolute.resolve("keyring.ring"))).isTrue();
		}
	}

}
