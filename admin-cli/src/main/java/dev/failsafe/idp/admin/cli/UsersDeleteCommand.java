package dev.failsafe.idp.admin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code idp-admin users delete <username>}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
		description = "Delete a user: its sessions end, its tokens are revoked, its consents are forgotten.")
final class UsersDeleteCommand extends ApiCommand {

	@Parameters(paramLabel = "USERNAME", description = "The user's name.")
	String username;

	@Override
	void run(AdminApi api) {
		AdminApi.Answer answer = api.delete(UsersCommand.path(this.username));
		if (this.output.json) {
			printRaw(answer);
			return;
		}
		UsersCommand.printRevocation(out(), "Deleted user " + this.username, answer.json());
	}

}
