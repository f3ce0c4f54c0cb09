package dev.failsafe.idp.admin.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;

import picocli.CommandLine;

/**
 * Builds the {@code idp-admin} command line: commands are created with the {@link CliContext}
 * (constructor injection), output goes to the given writers, and every failure goes through the one
 * {@link ExitCodeMapper}: one line on standard error, a code from {@link ExitCodes}. Tests run the
 * CLI in-process through {@link #run}.
 */
public final class IdpAdminCli {

	private IdpAdminCli() {
	}

	static CommandLine create(CliContext context, PrintWriter out, PrintWriter err) {
		ExitCodeMapper mapper = new ExitCodeMapper();
		CommandLine commandLine = new CommandLine(IdpAdmin.class, new Factory(context));
		commandLine.setOut(out);
		commandLine.setErr(err);
		commandLine.setExitCodeExceptionMapper(mapper);
		commandLine.setExecutionExceptionHandler((failure, failed, parseResult) -> {
			failed.getErr().println("idp-admin: " + mapper.message(failure));
			return mapper.getExitCode(failure);
		});
		commandLine.setParameterExceptionHandler((failure, args) -> {
			failure.getCommandLine().getErr().println("idp-admin: " + mapper.message(failure));
			return mapper.getExitCode(failure);
		});
		return commandLine;
	}

	/** Runs one command line; the answer is its exit code. Writers are flushed. */
	static int run(CliContext context, PrintWriter out, PrintWriter err, String... args) {
		try {
			return create(context, out, err).execute(args);
		}
		finally {
			out.flush();
			err.flush();
		}
	}

	/** Creates commands and mixins, handing the context to those whose constructor takes it. */
	private record Factory(CliContext context) implements CommandLine.IFactory {

		@Override
		public <K> K create(Class<K> type) throws Exception {
			for (Constructor<?> constructor : type.getDeclaredConstructors()) {
				Class<?>[] parameters = constructor.getParameterTypes();
				if (parameters.length == 1 && parameters[0] == CliContext.class) {
					constructor.setAccessible(true);
					return type.cast(constructor.newInstance(this.context));
				}
			}
			return CommandLine.defaultFactory().create(type);
		}

	}

}
