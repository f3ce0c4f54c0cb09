package dev.failsafe.idp.admin.cli;

import tools.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code idp-admin users set-password <username>}: from the environment or a file. */
@Command(name = "set-password", mixinStandardHelpOptions = true,
		description = { "Give a user a new password, read from $" + PasswordSource.DEFAULT_VARIABLE
				+ " (or --password-env, --password-file). Its sessions end and its tokens are revoked." })
final class UsersSetPasswordCommand extends ApiCommand {

	@Parameters(paramLabel = "USERNAME", description = "The user's name.")
	String username;

	@Mixin
	PasswordSource password;

	@Override
	void run(AdminApi api) {
		ObjectNode request = AdminApi.JSON.createObjectNode().put("password", this.password.password());
		AdminApi.Answer answer = api.put(UsersCommand.path(this.username) + "/password", request);
		if (this.output.json) {
			printRaw(answer);
			return;
		}
		UsersCommand.printRevocation(out(), "New password for user " + this.username, answer.json());
	}

}
