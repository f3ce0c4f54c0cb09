package dev.failsafe.idp.admin.cli;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code idp-admin clients update <id> ...}: reads the client, changes the options given, writes it back. */
@Command(name = "update", mixinStandardHelpOptions = true,
		description = { "Change a client: the options given replace those fields (a list option replaces the "
				+ "whole list); the others keep their values." })
final class ClientsUpdateCommand extends ApiCommand {

	/** The {@code ClientRequest} fields a {@code ClientView} shares. */
	static final List<String> REQUEST_FIELDS = List.of("clientId", "clientName", "clientType", "applicationType",
			"grantTypes", "redirectUris", "postLogoutRedirectUris", "scopes", "operator", "requireConsent",
			"signingAlgorithm", "backchannelLogoutUri", "backchannelLogoutSessionRequired");

	@Parameters(paramLabel = "CLIENT_ID", description = "The client's id.")
	String clientId;

	@Mixin
	ClientFields fields;

	@Override
	void run(AdminApi api) {
		String path = "/admin/clients/" + AdminApi.segment(this.clientId);
		JsonNode current = api.get(path).json();
		ObjectNode request = AdminApi.JSON.createObjectNode();
		for (String field : REQUEST_FIELDS) {
			if (current.has(field)) {
				request.set(field, current.get(field));
			}
		}
		request.put("clientId", this.clientId);
		AdminApi.Answer answer = api.put(path, this.fields.applyTo(request));
		if (this.output.json) {
			printRaw(answer);
			return;
		}
		out().println("Updated client " + this.clientId + ".");
		out().print(ClientsCommand.details(answer.json()));
	}

}
