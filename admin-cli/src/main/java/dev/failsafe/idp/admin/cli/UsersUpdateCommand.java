package dev.failsafe.idp.admin.cli;

import tools.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code idp-admin users update <username> --claim ...}: the claims given change, the others stay. */
@Command(name = "update", mixinStandardHelpOptions = true,
		description = "Change a user's claims: --claim sets one, --clear-claim removes one; the others stay.")
final class UsersUpdateCommand extends ApiCommand {

	@Parameters(paramLabel = "USERNAME", description = "The user's name.")
	String username;

	@Mixin
	ClaimOptions claims;

	@Override
	void run(AdminApi api) {
		ObjectNode request = AdminApi.JSON.createObjectNode();
		request.set("claims", this.claims.claims());
		AdminApi.Answer answer = api.put(UsersCommand.path(this.username), request);
		if (this.output.json) {
			printRaw(answer);
			return;
		}
		out().println("Updated user " + this.username + ".");
		out().print(UsersCommand.details(answer.json()));
	}

}
