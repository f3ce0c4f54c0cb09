package dev.failsafe.idp.admin.cli;

import picocli.CommandLine.Command;

/** {@code idp-admin users revoke-sessions <username>}. */
@Command(name = "revoke-sessions", mixinStandardHelpOptions = true,
		description = "Sign a user out everywhere: its sessions end and its tokens are revoked; the account stays.")
final class UsersRevokeSessionsCommand extends UserRevocationCommand {

	@Override
	AdminApi.Answer send(AdminApi api, String userPath) {
		return api.post(userPath + "/revoke-sessions", null);
	}

	@Override
	String done() {
		return "Signed out user";
	}

}
