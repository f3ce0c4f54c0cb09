package dev.failsafe.idp.admin.cli;

import dev.failsafe.idp.replication.keyring.SigningAlgorithm;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code idp-admin keys rotate}: emergency rotation. */
@Command(name = "rotate", mixinStandardHelpOptions = true,
		description = { "Emergency rotation: add a key that signs at once.",
				"With --revoke-previous the key that signed until now is revoked: tokens it signed stop verifying." })
final class KeysRotateCommand extends ApiCommand {

	@Option(names = "--algorithm", paramLabel = "ALG", defaultValue = "RS256",
			description = "Algorithm of the new key: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
	SigningAlgorithm algorithm = SigningAlgorithm.DEFAULT;

	@Option(names = "--revoke-previous",
			description = "Also revoke the key that signed until now (its tokens stop verifying).")
	boolean revokePrevious;

	@Override
	void run(AdminApi api) {
		ObjectNode body = AdminApi.JSON.createObjectNode()
			.put("algorithm", this.algorithm.name())
			.put("revokePrevious", this.revokePrevious);
		AdminApi.Answer answer = api.post("/admin/keys/rotate", body);
		if (this.output.json) {
			printRaw(answer);
			return;
		}
		JsonNode key = answer.json();
		out().println("New key " + Table.text(key.get("kid")) + " (" + Table.text(key.get("algorithm")) + "), state "
				+ Table.text(key.get("state")) + ".");
		if (this.revokePrevious) {
			out().println("The key that signed until now is revoked: tokens it signed no longer verify.");
		}
	}

}
