package dev.failsafe.idp.admin.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code idp-admin clients}: registered OAuth clients. */
@Command(name = "clients", mixinStandardHelpOptions = true,
		description = "List, show, create, update and delete clients; rotate a client's secret.",
		subcommands = { ClientsListCommand.class, ClientsShowCommand.class, ClientsCreateCommand.class,
				ClientsUpdateCommand.class, ClientsDeleteCommand.class, ClientsRotateSecretCommand.class })
final class ClientsCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		throw new ParameterException(this.spec.commandLine(),
				"Missing command: list, show, create, update, delete or rotate-secret");
	}

	/** One client as {@code label: value} lines, in the API's order. */
	static String details(tools.jackson.databind.JsonNode client) {
		java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
		client.properties().forEach(entry -> fields.put(entry.getKey(),
				entry.getKey().endsWith("At") ? Table.time(entry.getValue()) : Table.text(entry.getValue())));
		return Table.details(fields);
	}

	/** Prints a secret the API returns once, so it cannot be missed. */
	static void printSecretOnce(java.io.PrintWriter out, String clientId, String secret) {
		out.println();
		out.println("Client secret: " + secret);
		out.println("It is shown this once: store it now. `idp-admin clients rotate-secret " + clientId
				+ "` issues a new one.");
	}

}
