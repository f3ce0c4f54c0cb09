package dev.failsafe.idp.admin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code idp-admin users disable <username>}. */
@Command(name = "disable", mixinStandardHelpOptions = true,
		description = "Disable a user: it cannot sign in, its sessions end and its tokens are revoked.")
final class UsersDisableCommand extends ApiCommand {

	@Parameters(paramLabel = "USERNAME", description = "The user's name.")
	String username;

	@Override
	void run(AdminApi api) {
		AdminApi.Answer answer = api.post(UsersCommand.path(this.username) + "/disable", null);
		if (this.output.json) {
			printRaw(answer);
			return;
		}
		UsersCommand.printRevocation(out(), "Disabled user " + this.username, answer.json());
	}

}
