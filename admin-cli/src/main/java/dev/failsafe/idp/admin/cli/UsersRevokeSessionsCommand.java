package dev.failsafe.idp.admin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code idp-admin users revoke-sessions <username>}. */
@Command(name = "revoke-sessions", mixinStandardHelpOptions = true,
		description = "Sign a user out everywhere: its sessions end and its tokens are revoked; the account stays.")
final class UsersRevokeSessionsCommand extends ApiCommand {

	@Parameters(paramLabel = "USERNAME", description = "The user's name.")
	String username;

	@Override
	void run(AdminApi api) {
		AdminApi.Answer answer = api.post(UsersCommand.path(this.username) + "/revoke-sessions", null);
		if (this.output.json) {
			printRaw(answer);
			return;
		}
		UsersCommand.printRevocation(out(), "Signed out user " + this.username, answer.json());
	}

}
