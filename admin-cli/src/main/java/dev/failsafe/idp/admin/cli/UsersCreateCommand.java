package dev.failsafe.idp.admin.cli;

import tools.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code idp-admin users create <username> ...}: the password from the environment or a file. */
@Command(name = "create", mixinStandardHelpOptions = true,
		description = { "Add a user. The password is read from $" + PasswordSource.DEFAULT_VARIABLE
				+ " (or --password-env, --password-file), never from an option value." })
final class UsersCreateCommand extends ApiCommand {

	@Parameters(paramLabel = "USERNAME", description = "The new user's name (also the sub of its tokens).")
	String username;

	@Option(names = "--disabled", description = "Create the user disabled: it cannot sign in until enabled.")
	boolean disabled;

	@Mixin
	PasswordSource password;

	@Mixin
	ClaimOptions claims;

	@Override
	void run(AdminApi api) {
		ObjectNode request = AdminApi.JSON.createObjectNode()
			.put("username", this.username)
			.put("password", this.password.password())
			.put("enabled", !this.disabled);
		request.set("claims", this.claims.claims());
		AdminApi.Answer answer = api.post("/admin/users", request);
		if (this.output.json) {
			printRaw(answer);
			return;
		}
		out().println("Created user " + this.username + ".");
		out().print(UsersCommand.details(answer.json()));
	}

}
