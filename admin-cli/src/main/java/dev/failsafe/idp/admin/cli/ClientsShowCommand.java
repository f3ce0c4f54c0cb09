package dev.failsafe.idp.admin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code idp-admin clients show <id>}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one client (never its secret).")
final class ClientsShowCommand extends ApiCommand {

	@Parameters(paramLabel = "CLIENT_ID", description = "The client's id.")
	String clientId;

	@Override
	void run(AdminApi api) {
		AdminApi.Answer answer = api.get("/admin/clients/" + AdminApi.segment(this.clientId));
		if (this.output.json) {
			printRaw(answer);
			return;
		}
		out().print(ClientsCommand.details(answer.json()));
	}

}
