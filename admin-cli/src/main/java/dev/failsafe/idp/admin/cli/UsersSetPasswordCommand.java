package dev.failsafe.idp.admin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code idp-admin users set-password <username>}: from the environment or a file. */
@Command(name = "set-password", mixinStandardHelpOptions = true,
		description = { "Give a user a new password, read from $" + PasswordSource.DEFAULT_VARIABLE
				+ " (or --password-env, --password-file). Its sessions end and its tokens are revoked." })
final class UsersSetPasswordCommand extends UserRevocationCommand {

	@Mixin
	PasswordSource password;

	@Override
	AdminApi.Answer send(AdminApi api, String userPath) {
		return api.put(userPath + "/password", AdminApi.JSON.createObjectNode().put("password", this.password.password()));
	}

	@Override
	String done() {
		return "New password for user";
	}

}
