package dev.failsafe.idp.admin.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Mixin: where a user's new password comes from, never an option value: the environment variable
 * {@code --password-env} names (default {@value #DEFAULT_VARIABLE}), or the first line of
 * {@code --password-file} (refused when other users can read it).
 */
final class PasswordSource {

	static final String DEFAULT_VARIABLE = "IDP_USER_PASSWORD";

	private final CliContext context;

	@Spec(Spec.Target.MIXEE)
	private CommandSpec command;

	@Option(names = "--password-env", paramLabel = "VARIABLE",
			description = "Environment variable holding the password (default: " + DEFAULT_VARIABLE + ").")
	private String variable;

	@Option(names = "--password-file", paramLabel = "FILE",
			description = "File whose first line is the password; must not be readable by other users.")
	private Path file;

	PasswordSource(CliContext context) {
		this.context = context;
	}

	/** The password, or a {@link CliException.BadInput} saying where it was looked for. */
	String password() {
		if (this.file != null && this.variable != null) {
			throw new CliException.BadInput("give --password-env or --password-file, not both");
		}
		if (this.file != null) {
			return fromFile(this.file);
		}
		String name = (this.variable != null) ? this.variable : DEFAULT_VARIABLE;
		String value = this.context.environment().get(name);
		if (value == null || value.isEmpty()) {
			throw new CliException.BadInput("no password: set " + name + " (or use --password-env or --password-file)");
		}
		return value;
	}

	private String fromFile(Path path) {
		if (!Files.isRegularFile(path)) {
			throw new CliException.BadInput("password file " + path + " does not exist");
		}
		SettingsLoader.checkSecretFile(path, "password file", "a password", this.command.commandLine().getErr());
		try {
			String password = Files.readString(path, StandardCharsets.UTF_8).lines().findFirst().orElse("");
			if (password.isEmpty()) {
				throw new CliException.BadInput("password file " + path + " is empty");
			}
			return password;
		}
		catch (IOException ex) {
			throw new CliException.BadInput("cannot read password file " + path + ": " + ex.getMessage());
		}
	}

}
