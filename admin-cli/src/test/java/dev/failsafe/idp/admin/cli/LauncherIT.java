package dev.failsafe.idp.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/idp-admin} as a real process, started from an unrelated directory, over the packaged jar. */
@ExtendWith(RunningProvider.class)
class LauncherIT {

	@TempDir
	Path elsewhere;

	@Test
	void launcherWhenRunFromAnotherDirectoryThenListsKeysWithTheEnvironmentsCredentials(RunningProvider.Provider provider)
			throws Exception {
		Result result = launch(provider, "keys", "list");

		assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
		assertThat(result.out()).startsWith("KID").contains("SIGNING");
	}

	@Test
	void launcherWhenBadInputThenUsageExitCodeAndOneLine(RunningProvider.Provider provider) throws Exception {
		Result result = launch(provider, "keys", "rotate", "--algorithm", "HS256");

		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).startsWith("idp-admin: Invalid value for option '--algorithm'").hasLineCount(1);
	}

	private record Result(int exitCode, String out, String err) {
	}

	private Result launch(RunningProvider.Provider provider, String... args) throws Exception {
		Path launcher = Path.of(System.getProperty("idp.admin-cli.launcher", "bin/idp-admin")).toAbsolutePath().normalize();
		List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.elsewhere.toFile());
		builder.environment().putAll(provider.environment());
		builder.environment().put("HOME", this.elsewhere.toString());
		// The launcher must find a JDK 21+ on its own, as ./mvnw does, unless JAVA_HOME says otherwise.
		builder.environment().remove("JAVA_HOME");
		Process process = builder.start();
		process.getOutputStream().close();
		var out = process.getInputStream();
		var err = process.getErrorStream();
		var outText = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(out));
		var errText = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(err));
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("idp-admin did not finish within 60 s");
		}
		return new Result(process.exitValue(), outText.get(), errText.get());
	}

	private static String readAll(java.io.InputStream stream) {
		try {
			return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
