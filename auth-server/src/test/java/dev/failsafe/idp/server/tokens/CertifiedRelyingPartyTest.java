package dev.failsafe.idp.server.tokens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.testing.RequiredComponent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A certified relying-party library, openid-client (Node), with a real Chromium: discovers the
 * provider, logs alice in through the pages with PKCE, reads userinfo, refreshes, introspects and
 * revokes (see {@code src/test/node/rp-check/rp-check.mjs}).
 */
class CertifiedRelyingPartyTest extends ProviderIntegrationTest {

	private static final Path SCRIPT_SOURCE = Path.of("src/test/node/rp-check");

	private static final Path WORK_DIR = Path.of("target/rp-check");

	@Test
	void openidClientWhenFullFlowThenEveryStepSucceeds() throws Exception {
		Path node = RequiredComponent.executable("NODE", "/usr/bin/node", "nodejs");
		Path npm = RequiredComponent.executable("NPM", "/usr/bin/npm", "npm");
		Path chromium = RequiredComponent.executable("CHROME_BIN", "/usr/bin/chromium", "chromium");
		Files.createDirectories(WORK_DIR);
		for (String file : List.of("package.json", "package-lock.json", "rp-check.mjs")) {
			Files.copy(SCRIPT_SOURCE.resolve(file), WORK_DIR.resolve(file),
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		Result install = run(List.of(npm.toString(), "ci", "--no-audit", "--no-fund"), 180);
		assertThat(install.exitCode()).as(install.output()).isZero();

		Result check = run(List.of(node.toString(), "rp-check.mjs", PROVIDER.issuer(), chromium.toString()), 120);
		assertThat(check.exitCode()).as(check.output()).isZero();
		assertThat(check.output()).contains("\"ok\":true")
			.contains("\"email\":\"alice@example.com\"")
			.contains("\"activeAfterRevocation\":false");
	}

	private record Result(int exitCode, String output) {
	}

	private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
		Path log = Files.createTempFile("rp-check", ".log");
		Process process = new ProcessBuilder(command).directory(WORK_DIR.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return new Result(-1, "timed out: " + Files.readString(log, StandardCharsets.UTF_8));
		}
		return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
	}

}
