package dev.failsafe.idp.admin.cli;

import tools.jackson.databind.JsonNode;

import picocli.CommandLine.Command;

/** {@code idp-admin keys list}: every key with its derived state and times. */
@Command(name = "list", mixinStandardHelpOptions = true,
		description = "List the keys, oldest activation first, with their state (PENDING, PUBLISHED, SIGNING, "
				+ "RETIRING, GONE, REVOKED) and times (UTC).")
final class KeysListCommand extends ApiCommand {

	@Override
	void run(AdminApi api) {
		AdminApi.Answer answer = api.get("/admin/keys");
		if (this.output.json) {
			printRaw(answer);
			return;
		}
		out().print(table(answer.json()).render());
	}

	static Table table(JsonNode list) {
		Table table = Table.of("KID", "ALGORITHM", "STATE", "PUBLISHED", "ACTIVATED", "SUPERSEDED", "REVOKED");
		for (JsonNode key : list.path("keys").values()) {
			table.row(Table.text(key.get("kid")), Table.text(key.get("algorithm")), Table.text(key.get("state")),
					Table.time(key.get("publishAt")), Table.time(key.get("activateAt")),
					Table.time(key.get("supersededAt")), Table.time(key.get("revokedAt")));
		}
		return table;
	}

}
