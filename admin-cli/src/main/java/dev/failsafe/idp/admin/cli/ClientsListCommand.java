package dev.failsafe.idp.admin.cli;

import tools.jackson.databind.JsonNode;

import picocli.CommandLine.Command;

/** {@code idp-admin clients list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the clients, sorted by id.")
final class ClientsListCommand extends ApiCommand {

	@Override
	void run(AdminApi api) {
		AdminApi.Answer answer = api.get("/admin/clients");
		if (this.output.json) {
			printRaw(answer);
			return;
		}
		out().print(table(answer.json()).render());
	}

	static Table table(JsonNode list) {
		Table table = Table.of("CLIENT ID", "NAME", "TYPE", "GRANT TYPES", "SCOPES");
		for (JsonNode client : list.path("clients").values()) {
			table.row(Table.text(client.get("clientId")), Table.text(client.get("clientName")),
					Table.text(client.get("clientType")), Table.text(client.get("grantTypes")),
					Table.text(client.get("scopes")));
		}
		return table;
	}

}
