package dev.failsafe.idp.admin.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code idp-admin}: the operators' command line for the provider's admin API. */
@Command(name = "idp-admin", mixinStandardHelpOptions = true, version = "idp-admin 0.1.0",
		description = "Operate a Failsafe ID provider through its admin API (keys, clients, users, sites).",
		subcommands = { KeysCommand.class, ClientsCommand.class, UsersCommand.class, SitesCommand.class },
		footerHeading = "%nCredentials:%n",
		footer = { "  $" + SettingsLoader.CLIENT_ID_VARIABLE + " and $" + SettingsLoader.CLIENT_SECRET_VARIABLE
				+ ", else client-id and client-secret in ~/" + SettingsLoader.DEFAULT_CONFIG + " (or --config FILE)." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { ExitCodes.OK + ":done", ExitCodes.SERVER_ERROR + ":the server failed or answered something unexpected",
				ExitCodes.USAGE + ":bad usage or input (also the server's 400)",
				ExitCodes.AUTH_REFUSED + ":credentials refused (token 401) or not allowed (401/403)",
				ExitCodes.UNREACHABLE + ":server unreachable", ExitCodes.NOT_FOUND + ":no such key, client or user (404)",
				ExitCodes.CONFLICT + ":conflict (409)",
				ExitCodes.TRY_AGAIN + ":the store could not confirm the change (503): nothing changed, retry" })
public final class IdpAdmin implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		throw new ParameterException(this.spec.commandLine(), "Missing command: keys, clients, users or sites");
	}

	public static void main(String[] args) {
		PrintWriter out = new PrintWriter(System.out, true);
		PrintWriter err = new PrintWriter(System.err, true);
		System.exit(IdpAdminCli.run(CliContext.system(), out, err, args));
	}

}
