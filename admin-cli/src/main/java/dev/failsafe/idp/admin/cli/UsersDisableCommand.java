package dev.failsafe.idp.admin.cli;

import picocli.CommandLine.Command;

/** {@code idp-admin users disable <username>}. */
@Command(name = "disable", mixinStandardHelpOptions = true,
		description = "Disable a user: it cannot sign in, its sessions end and its tokens are revoked.")
final class UsersDisableCommand extends UserRevocationCommand {

	@Override
	AdminApi.Answer send(AdminApi api, String userPath) {
		return api.post(userPath + "/disable", null);
	}

	@Override
	String done() {
		return "Disabled user";
	}

}
