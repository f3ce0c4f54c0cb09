package dev.failsafe.idp.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import dev.failsafe.idp.server.testing.RunningProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default starts with a relative data directory, as the README's run command uses
 * ({@code data}): H2 refuses bare relative paths, so the directory is made absolute first, and
 * every file lands in it. The directory is owner-only ({@code rwx------}) and so is every file in it
 * ({@code rw-------}: the H2 file holds the password hashes), also when it was left open before.
 */
class DataDirectoryTest {

	@Test
	void startWhenDataDirectoryRelativeThenStoresEverythingUnderItOwnerOnly() throws IOException {
		RunningProvider provider = RunningProvider.create();
		String relative = "target/relative-data-" + System.nanoTime();
		Path absolute = Path.of(relative).toAbsolutePath().normalize();
		try (ConfigurableApplicationContext context = start(provider, relative)) {
			assertThat(context.getEnvironment().getProperty("idp.data-dir")).isEqualTo(absolute.toString());
			assertThat(absolute.resolve("directory.mv.db")).exists();
			assertThat(absolute.resolve("keyring.kek")).exists();
			assertThat(Files.exists(absolute.resolve("keyring.ring"))).isTrue();
			assertOwnerOnly(absolute);
		}

		// As an earlier release left it: readable by everyone.
		Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rwxr-xr-x"));
		try (Stream<Path> files = Files.list(absolute)) {
			for (Path file : files.toList()) {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
			}
		}
		try (ConfigurableApplicationContext context = start(provider, relative)) {
			assertOwnerOnly(absolute);
		}
	}

	private static ConfigurableApplicationContext start(RunningProvider provider, String dataDir) {
		return new SpringApplicationBuilder(AuthServerApplication.class).run("--server.port=" + provider.port(),
				"--idp.issuer=" + provider.issuer(), "--idp.data-dir=" + dataDir);
	}

	private static void assertOwnerOnly(Path dataDir) throws IOException {
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
		try (Stream<Path> files = Files.list(dataDir)) {
			assertThat(files.toList()).isNotEmpty()
				.allSatisfy(file -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
					.as(file.toString())
					.isEqualTo("rw-------"));
		}
	}

}
