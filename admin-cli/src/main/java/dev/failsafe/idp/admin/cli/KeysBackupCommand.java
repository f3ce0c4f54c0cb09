package dev.failsafe.idp.admin.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code idp-admin keys backup}: the whole ring, sealed under the provider's KEK. */
@Command(name = "backup", mixinStandardHelpOptions = true,
		description = { "Back up the whole key ring, sealed under the provider's key-encryption key.",
				"Without --output the backup's JSON goes to standard output." })
final class KeysBackupCommand extends ApiCommand {

	@Option(names = "--output", paramLabel = "FILE",
			description = "Write the backup to this new file (owner-only); an existing file is never overwritten.")
	Path file;

	@Override
	void run(AdminApi api) {
		AdminApi.Answer answer = api.get("/admin/keys/backup");
		answer.json(); // refuse to write anything that is not JSON
		if (this.file == null) {
			printRaw(answer);
			return;
		}
		write(this.file, answer.body());
		if (!this.output.json) {
			out().println("Wrote the sealed key-ring backup to " + this.file + ".");
		}
		else {
			printRaw(answer);
		}
	}

	static void write(Path file, String content) {
		try {
			try {
				Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			catch (UnsupportedOperationException ex) {
				Files.createFile(file);
			}
			Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
		}
		catch (FileAlreadyExistsException ex) {
			throw new CliException.BadInput(file + " already exists: choose another file");
		}
		catch (IOException ex) {
			throw new CliException.BadInput("cannot write " + file + ": " + ex.getMessage());
		}
	}

}
