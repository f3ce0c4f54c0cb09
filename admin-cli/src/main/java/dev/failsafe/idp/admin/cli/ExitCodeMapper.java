package dev.failsafe.idp.admin.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParameterException;

/**
 * The one place that turns a failure into an exit code ({@link ExitCodes}) and a one-line message
 * for standard error. Never a stack trace: an unexpected exception becomes its class and message.
 */
final class ExitCodeMapper implements IExitCodeExceptionMapper {

	@Override
	public int getExitCode(Throwable failure) {
		return switch (failure) {
			case ParameterException ignored -> ExitCodes.USAGE;
			case CliException.BadInput ignored -> ExitCodes.USAGE;
			case CliException.AuthRefused ignored -> ExitCodes.AUTH_REFUSED;
			case CliException.Unreachable ignored -> ExitCodes.UNREACHABLE;
			case CliException.ApiProblem problem -> forStatus(problem.status());
			default -> ExitCodes.SERVER_ERROR;
		};
	}

	/** The exit code of an admin API answer with this HTTP status. */
	static int forStatus(int status) {
		return switch (status) {
			case 400, 422 -> ExitCodes.USAGE;
			case 401, 403 -> ExitCodes.AUTH_REFUSED;
			case 404 -> ExitCodes.NOT_FOUND;
			case 409 -> ExitCodes.CONFLICT;
			case 503 -> ExitCodes.TRY_AGAIN;
			default -> ExitCodes.SERVER_ERROR;
		};
	}

	/** The line printed (after {@code idp-admin: }) on standard error. */
	String message(Throwable failure) {
		String text = switch (failure) {
			case ParameterException usage -> usage.getMessage() + " (see '" + qualifiedName(usage.getCommandLine())
					+ " --help')";
			case CliException known -> known.getMessage();
			default -> "unexpected " + failure.getClass().getSimpleName()
					+ ((failure.getMessage() != null) ? ": " + failure.getMessage() : "");
		};
		return oneLine(text);
	}

	private static String qualifiedName(CommandLine commandLine) {
		return (commandLine != null) ? commandLine.getCommandSpec().qualifiedName() : "idp-admin";
	}

	static String oneLine(String text) {
		return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
	}

}
