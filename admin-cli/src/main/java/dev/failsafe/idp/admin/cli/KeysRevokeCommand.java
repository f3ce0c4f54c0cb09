package dev.failsafe.idp.admin.cli;

import tools.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code idp-admin keys revoke <kid>}. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
		description = "Revoke a key: it stops signing and tokens it signed stop verifying.")
final class KeysRevokeCommand extends ApiCommand {

	@Parameters(paramLabel = "KID", description = "The key's id (see keys list).")
	String kid;

	@Override
	void run(AdminApi api) {
		AdminApi.Answer answer = api.post("/admin/keys/" + AdminApi.segment(this.kid) + "/revoke", null);
		if (this.output.json) {
			printRaw(answer);
			return;
		}
		JsonNode key = answer.json();
		out().println("Revoked key " + Table.text(key.get("kid")) + " (state " + Table.text(key.get("state"))
				+ "): tokens it signed no longer verify.");
	}

}
