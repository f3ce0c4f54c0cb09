package dev.failsafe.idp.admin.cli;

import tools.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code idp-admin clients rotate-secret <id>}: the new secret is printed this once. */
@Command(name = "rotate-secret", mixinStandardHelpOptions = true,
		description = "Give a confidential client a new secret, printed this once; the old one stops working.")
final class ClientsRotateSecretCommand extends ApiCommand {

	@Parameters(paramLabel = "CLIENT_ID", description = "The client's id.")
	String clientId;

	@Override
	void run(AdminApi api) {
		AdminApi.Answer answer = api.post("/admin/clients/" + AdminApi.segment(this.clientId) + "/secret", null);
		if (this.output.json) {
			printRaw(answer);
			return;
		}
		JsonNode rotated = answer.json();
		out().println("New secret for client " + this.clientId + "; the old one no longer works.");
		ClientsCommand.printSecretOnce(out(), this.clientId, Table.text(rotated.get("clientSecret")));
	}

}
