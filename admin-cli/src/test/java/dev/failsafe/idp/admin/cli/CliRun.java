package dev.failsafe.idp.admin.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Runs {@code idp-admin} in-process with captured standard output and error. */
record CliRun(int exitCode, String out, String err) {

	static CliRun of(Map<String, String> environment, Path home, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exitCode = IdpAdminCli.run(new CliContext(environment, home, Duration.ofSeconds(10)),
				new PrintWriter(out), new PrintWriter(err), args);
		return new CliRun(exitCode, out.toString(), err.toString());
	}

}
