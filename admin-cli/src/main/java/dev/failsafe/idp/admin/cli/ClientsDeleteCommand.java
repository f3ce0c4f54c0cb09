package dev.failsafe.idp.admin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code idp-admin clients delete <id>}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
		description = "Delete a client: it can no longer authenticate or get tokens.")
final class ClientsDeleteCommand extends ApiCommand {

	@Parameters(paramLabel = "CLIENT_ID", description = "The client's id.")
	String clientId;

	@Override
	void run(AdminApi api) {
		api.delete("/admin/clients/" + AdminApi.segment(this.clientId));
		if (this.output.json) {
			out().println("{\"deleted\":" + AdminApi.JSON.writeValueAsString(this.clientId) + "}");
			return;
		}
		out().println("Deleted client " + this.clientId + ".");
	}

}
