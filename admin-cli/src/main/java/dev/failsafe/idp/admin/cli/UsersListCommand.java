package dev.failsafe.idp.admin.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code idp-admin users list}: one page of users by name. */
@Command(name = "list", mixinStandardHelpOptions = true,
		description = "List users by name, one page at a time (--after the last name shown for the next).")
final class UsersListCommand extends ApiCommand {

	@Option(names = "--after", paramLabel = "USERNAME", description = "Start after this username.")
	String after;

	@Option(names = "--limit", paramLabel = "N", defaultValue = "100",
			description = "Most users to show (1 to 500, default ${DEFAULT-VALUE}).")
	int limit;

	@Override
	void run(AdminApi api) {
		String query = "?limit=" + this.limit
				+ ((this.after != null) ? "&after=" + URLEncoder.encode(this.after, StandardCharsets.UTF_8) : "");
		AdminApi.Answer answer = api.get("/admin/users" + query);
		if (this.output.json) {
			printRaw(answer);
			return;
		}
		JsonNode page = answer.json();
		Table table = Table.of("USERNAME", "ENABLED", "NAME", "EMAIL");
		for (JsonNode user : page.path("users").values()) {
			table.row(Table.text(user.get("username")), Table.text(user.get("enabled")),
					Table.text(user.path("claims").get("name")), Table.text(user.path("claims").get("email")));
		}
		out().print(table.render());
		JsonNode next = page.get("next");
		if (next != null && next.isString()) {
			out().println("More: idp-admin users list --after " + next.stringValue());
		}
	}

}
