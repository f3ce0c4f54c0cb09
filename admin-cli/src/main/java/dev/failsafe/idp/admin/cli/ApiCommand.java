package dev.failsafe.idp.admin.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that calls the admin API: the connection and output mixins, and the writers. Failures
 * are thrown as {@link CliException}s and mapped by {@link ExitCodeMapper}.
 */
abstract class ApiCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	ConnectionOptions connection;

	@Mixin
	OutputOptions output;

	@Override
	public final Integer call() {
		run(this.connection.api());
		out().flush();
		return ExitCodes.OK;
	}

	abstract void run(AdminApi api);

	PrintWriter out() {
		return this.spec.commandLine().getOut();
	}

	/** Prints an answer's body as it came (for {@code --json}). */
	void printRaw(AdminApi.Answer answer) {
		String body = answer.body();
		out().print(body);
		if (!body.endsWith("\n")) {
			out().println();
		}
	}

}
