package dev.failsafe.idp.bench.cli;

import java.io.PrintWriter;

import picocli.CommandLine;

/**
 * The one way a bench main reads its command line: a picocli {@code @Command} object, run by
 * {@link CommandLine#execute}. Exit codes are picocli's: {@value CommandLine.ExitCode#OK} when done
 * (or after {@code --help}), {@value CommandLine.ExitCode#USAGE} on bad usage (unknown option, bad
 * value, a value the {@link Usage} refuses: the message and the usage on standard error, no stack trace), and
 * {@value CommandLine.ExitCode#SOFTWARE} when the run itself fails (its stack trace).
 */
public final class BenchCommandLine {

	private BenchCommandLine() {
	}

	/** Runs {@code command} with {@code args}, then exits the JVM with its exit code. */
	public static void exit(Object command, String... args) {
		System.exit(execute(command, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
	}

	/** Runs {@code command} with {@code args}, writing to {@code out} and {@code err}; answers its exit code. */
	public static int execute(Object command, PrintWriter out, PrintWriter err, String... args) {
		try {
			return new CommandLine(command).setOut(out).setErr(err).execute(args);
		}
		finally {
			out.flush();
			err.flush();
		}
	}

}
