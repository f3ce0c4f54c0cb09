package dev.failsafe.idp.admin.cli;

/**
 * A failure the CLI reports as one line; {@link ExitCodeMapper} gives each kind its exit code. The
 * message never holds a secret.
 */
abstract sealed class CliException extends RuntimeException
		permits CliException.Unreachable, CliException.AuthRefused, CliException.ApiProblem, CliException.BadInput {

	private static final long serialVersionUID = 1L;

	CliException(String message) {
		super(message, null, false, false);
	}

	/** The server could not be reached at all. */
	static final class Unreachable extends CliException {

		private static final long serialVersionUID = 1L;

		Unreachable(String message) {
			super(message);
		}

	}

	/** The token endpoint refused the client, or the admin API refused the token (401, 403). */
	static final class AuthRefused extends CliException {

		private static final long serialVersionUID = 1L;

		AuthRefused(String message) {
			super(message);
		}

	}

	/** The server answered an error, {@code status} is its HTTP status (0 when not HTTP-level). */
	static final class ApiProblem extends CliException {

		private static final long serialVersionUID = 1L;

		private final int status;

		ApiProblem(int status, String message) {
			super(message);
			this.status = status;
		}

		int status() {
			return this.status;
		}

	}

	/** Input the CLI itself rejects: settings, files, option combinations. */
	static final class BadInput extends CliException {

		private static final long serialVersionUID = 1L;

		BadInput(String message) {
			super(message);
		}

	}

}
