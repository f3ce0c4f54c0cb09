package dev.failsafe.idp.bench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;

/** A bench command line run in-process as its main runs it, with its exit code and captured output. */
public record CommandRun(int exitCode, String out, String err) {

	/** Runs {@code command} with {@code args} through {@link BenchCommandLine#execute}. */
	public static CommandRun of(Object command, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exitCode = BenchCommandLine.execute(command, new PrintWriter(out), new PrintWriter(err), args);
		return new CommandRun(exitCode, out.toString(), err.toString());
	}

	/** {@code command} with {@code args} parsed into it, not run; a usage error throws picocli's exception. */
	public static <C> C parsed(C command, String... args) {
		new CommandLine(command).parseArgs(args);
		return command;
	}

}
