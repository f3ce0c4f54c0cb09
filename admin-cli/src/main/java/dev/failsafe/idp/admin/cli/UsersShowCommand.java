package dev.failsafe.idp.admin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code idp-admin users show <username>}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one user (never its password).")
final class UsersShowCommand extends ApiCommand {

	@Parameters(paramLabel = "USERNAME", description = "The user's name.")
	String username;

	@Override
	void run(AdminApi api) {
		AdminApi.Answer answer = api.get(UsersCommand.path(this.username));
		if (this.output.json) {
			printRaw(answer);
			return;
		}
		out().print(UsersCommand.details(answer.json()));
	}

}
