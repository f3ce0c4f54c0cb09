package dev.failsafe.idp.admin.cli;

/**
 * The exit codes scripts can rely on. Only {@link ExitCodeMapper} decides which failure gets which
 * code; the README lists them and the top command's help shows them.
 */
public final class ExitCodes {

	/** Done. */
	public static final int OK = 0;

	/** The server failed or answered something unexpected (5xx other than 503, not JSON). */
	public static final int SERVER_ERROR = 1;

	/** Bad usage or input: unknown option or value, unreadable file or config, 400 from the server. */
	public static final int USAGE = 2;

	/** Refused: the token endpoint rejected the client (401), or the admin API said 401 or 403. */
	public static final int AUTH_REFUSED = 3;

	/** The server could not be reached: connection refused, unknown host, timeout. */
	public static final int UNREACHABLE = 4;

	/** No such key, client or user (404). */
	public static final int NOT_FOUND = 5;

	/** Conflict (409): the client id or username is taken, or a backup's kid has other material. */
	public static final int CONFLICT = 6;

	/** The replicated store could not confirm the change (503): nothing changed, try again. */
	public static final int TRY_AGAIN = 7;

	private ExitCodes() {
	}

}
