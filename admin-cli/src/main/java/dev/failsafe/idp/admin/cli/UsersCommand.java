package dev.failsafe.idp.admin.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import tools.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code idp-admin users}: the users of the directory. */
@Command(name = "users", mixinStandardHelpOptions = true,
		description = "List, show, create, update, enable, disable and delete users; set a password; "
				+ "sign a user out everywhere.",
		subcommands = { UsersListCommand.class, UsersShowCommand.class, UsersCreateCommand.class,
				UsersUpdateCommand.class, UsersEnableCommand.class, UsersDisableCommand.class, UsersDeleteCommand.class,
				UsersSetPasswordCommand.class, UsersRevokeSessionsCommand.class })
final class UsersCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		throw new ParameterException(this.spec.commandLine(), "Missing command: list, show, create, update, enable, "
				+ "disable, delete, set-password or revoke-sessions");
	}

	/** The path of one user (a username may hold characters a path cannot). */
	static String path(String username) {
		return "/admin/users/" + AdminApi.segment(username);
	}

	/** One user as {@code label: value} lines: username, enabled, each claim, updatedAt. */
	static String details(JsonNode user) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("username", Table.text(user.get("username")));
		fields.put("enabled", Table.text(user.get("enabled")));
		user.path("claims").properties().forEach(claim -> fields.put(claim.getKey(), Table.text(claim.getValue())));
		fields.put("updatedAt", Table.time(user.get("updatedAt")));
		return Table.details(fields);
	}

}
