package dev.failsafe.idp.admin.cli;

import picocli.CommandLine.Command;

/** {@code idp-admin users delete <username>}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
		description = "Delete a user: its sessions end, its tokens are revoked, its consents are forgotten.")
final class UsersDeleteCommand extends UserRevocationCommand {

	@Override
	AdminApi.Answer send(AdminApi api, String userPath) {
		return api.delete(userPath);
	}

	@Override
	String done() {
		return "Deleted user";
	}

}
