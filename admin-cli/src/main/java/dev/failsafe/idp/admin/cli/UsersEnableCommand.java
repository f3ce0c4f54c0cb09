package dev.failsafe.idp.admin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code idp-admin users enable <username>}. */
@Command(name = "enable", mixinStandardHelpOptions = true, description = "Let a disabled user sign in again.")
final class UsersEnableCommand extends ApiCommand {

	@Parameters(paramLabel = "USERNAME", description = "The user's name.")
	String username;

	@Override
	void run(AdminApi api) {
		AdminApi.Answer answer = api.post(UsersCommand.path(this.username) + "/enable", null);
		if (this.output.json) {
			printRaw(answer);
			return;
		}
		out().println("Enabled user " + this.username + ".");
	}

}
