package dev.failsafe.idp.admin.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code idp-admin keys}: the signing-key ring. */
@Command(name = "keys", mixinStandardHelpOptions = true,
		description = "List, rotate, revoke, back up and restore the signing keys.",
		subcommands = { KeysListCommand.class, KeysRotateCommand.class, KeysRevokeCommand.class,
				KeysBackupCommand.class, KeysRestoreCommand.class })
final class KeysCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		throw new ParameterException(this.spec.commandLine(),
				"Missing command: list, rotate, revoke, backup or restore");
	}

}
