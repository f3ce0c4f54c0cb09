package dev.failsafe.idp.admin.cli;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code idp-admin clients create <id> ...}: the secret is printed this once. */
@Command(name = "create", mixinStandardHelpOptions = true,
		description = { "Register a client. A confidential client's secret is printed this once." })
final class ClientsCreateCommand extends ApiCommand {

	@Parameters(paramLabel = "CLIENT_ID", description = "The new client's id.")
	String clientId;

	@Mixin
	ClientFields fields;

	@Override
	void run(AdminApi api) {
		ObjectNode request = AdminApi.JSON.createObjectNode().put("clientId", this.clientId);
		AdminApi.Answer answer = api.post("/admin/clients", this.fields.applyTo(request));
		if (this.output.json) {
			printRaw(answer);
			return;
		}
		JsonNode created = answer.json();
		out().println("Created client " + this.clientId + ".");
		out().print(ClientsCommand.details(created.path("client")));
		JsonNode secret = created.get("clientSecret");
		if (secret != null && secret.isString()) {
			ClientsCommand.printSecretOnce(out(), this.clientId, secret.stringValue());
		}
	}

}
