package dev.failsafe.idp.admin.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code idp-admin sites}: the provider's sites. */
@Command(name = "sites", mixinStandardHelpOptions = true, description = "Show the sites and where state lives.",
		subcommands = SitesStatusCommand.class)
final class SitesCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		throw new ParameterException(this.spec.commandLine(), "Missing command: status");
	}

}
