package dev.failsafe.idp.admin.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code idp-admin keys restore --input FILE}: put a backup's keys and revocations back. */
@Command(name = "restore", mixinStandardHelpOptions = true,
		description = { "Restore a backup made by keys backup: a union, so restoring twice changes nothing.",
				"Refused as a whole if a kid in it has other material than the ring's." })
final class KeysRestoreCommand extends ApiCommand {

	@Option(names = "--input", paramLabel = "FILE", required = true,
			description = "The backup file ({\"backup\":\"...\"} as keys backup writes it, or the bare sealed value).")
	Path file;

	@Override
	void run(AdminApi api) {
		String backup = read(this.file);
		AdminApi.Answer answer = api.post("/admin/keys/restore",
				AdminApi.JSON.createObjectNode().put("backup", backup));
		if (this.output.json) {
			printRaw(answer);
			return;
		}
		JsonNode result = answer.json();
		out().println("Restored: " + Table.text(result.get("keysAdded")) + " keys added, "
				+ Table.text(result.get("revocationsAdded")) + " revocations added.");
	}

	static String read(Path file) {
		String content;
		try {
			content = Files.readString(file, StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			throw new CliException.BadInput("cannot read " + file + ": " + ex.getMessage());
		}
		if (content.startsWith("{")) {
			try {
				JsonNode backup = AdminApi.JSON.readTree(content).path("backup");
				if (backup.isString() && !backup.stringValue().isBlank()) {
					return backup.stringValue();
				}
			}
			catch (JacksonException ex) {
				// reported below
			}
			throw new CliException.BadInput(file + " is not a backup: expected {\"backup\":\"...\"}");
		}
		if (content.isEmpty() || !content.matches("[A-Za-z0-9_=-]+")) {
			throw new CliException.BadInput(file + " is not a backup: expected {\"backup\":\"...\"}");
		}
		return content;
	}

}
