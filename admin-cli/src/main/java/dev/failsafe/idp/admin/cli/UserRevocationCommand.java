package dev.failsafe.idp.admin.cli;

import picocli.CommandLine.Parameters;

/**
 * A users command whose answer is a revocation ({@code {"username","sessionsEnded",
 * "authorizationsRevoked"}}): disable, delete, set-password, revoke-sessions. Prints what ended.
 */
abstract class UserRevocationCommand extends ApiCommand {

	@Parameters(paramLabel = "USERNAME", description = "The user's name.")
	String username;

	/** Calls the API for the user at {@code userPath} ({@code /admin/users/<name>}). */
	abstract AdminApi.Answer send(AdminApi api, String userPath);

	/** What was done, as the start of the printed line ("Disabled user"). */
	abstract String done();

	@Override
	final void run(AdminApi api) {
		AdminApi.Answer answer = send(api, UsersCommand.path(this.username));
		if (this.output.json) {
			printRaw(answer);
			return;
		}
		var revocation = answer.json();
		out().println(done() + " " + this.username + ": " + Table.text(revocation.get("sessionsEnded"))
				+ " sessions ended, " + Table.text(revocation.get("authorizationsRevoked")) + " authorizations revoked.");
	}

}
