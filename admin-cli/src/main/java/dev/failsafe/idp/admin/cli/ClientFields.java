package dev.failsafe.idp.admin.cli;

import dev.failsafe.idp.replication.keyring.SigningAlgorithm;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Mixin: the fields of a {@code ClientRequest} (docs/admin-api.md). Only the options given are
 * written; a list option replaces the whole list.
 */
final class ClientFields {

	static final Set<String> TYPES = Set.of("confidential", "public");

	static final Set<String> APPLICATION_TYPES = Set.of("web", "native");

	static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token", "client_credentials");

	@Spec(Spec.Target.MIXEE)
	CommandSpec command;

	@Option(names = "--name", paramLabel = "NAME", description = "Name shown on the consent page.")
	String name;

	@Option(names = "--type", paramLabel = "TYPE", description = "confidential (has a secret) or public (PKCE).")
	String type;

	@Option(names = "--application-type", paramLabel = "KIND",
			description = "web (redirect URIs match exactly; https) or native (a public app; a loopback "
					+ "redirect URI on 127.0.0.1 or [::1] may use any port).")
	String applicationType;

	@Option(names = "--grant-type", paramLabel = "GRANT", split = ",",
			description = "authorization_code, refresh_token, client_credentials (repeat or comma-separate).")
	List<String> grantTypes;

	@Option(names = "--redirect-uri", paramLabel = "URI",
			description = "Absolute redirect URI without fragment, matched exactly (repeat for several).")
	List<String> redirectUris;

	@Option(names = "--post-logout-redirect-uri", paramLabel = "URI",
			description = "Post-logout redirect URI (repeat for several).")
	List<String> postLogoutRedirectUris;

	@Option(names = "--scope", paramLabel = "SCOPE", split = ",",
			description = "Scope the client may request (repeat or comma-separate).")
	List<String> scopes;

	@Option(names = "--operator", negatable = true,
			description = "Mark as an operator client, the only kind that may hold the admin scope "
					+ "(confidential, client_credentials only; --no-operator: unmark).")
	Boolean operator;

	@Option(names = "--consent", negatable = true, description = "Ask users for consent (--no-consent: do not).")
	Boolean requireConsent;

	@Option(names = "--backchannel-logout-uri", paramLabel = "URI",
			description = "Where the provider POSTs a logout token when a user's session ends (OIDC Back-Channel "
					+ "Logout; https, or http on 127.0.0.1); an empty value removes it.")
	String backchannelLogoutUri;

	@Option(names = "--backchannel-logout-session-required", negatable = true,
			description = "The client needs sid in its logout tokens (--no-backchannel-logout-session-required: "
					+ "it does not).")
	Boolean backchannelLogoutSessionRequired;

	@Option(names = "--signing-algorithm", paramLabel = "ALG",
			description = "ID and access token algorithm: ${COMPLETION-CANDIDATES}.")
	SigningAlgorithm signingAlgorithm;

	/** Writes the options given over {@code request}. */
	ObjectNode applyTo(ObjectNode request) {
		if (this.type != null && !TYPES.contains(this.type)) {
			throw usage("Invalid value for option '--type': expected confidential or public but was '" + this.type + "'");
		}
		if (this.applicationType != null && !APPLICATION_TYPES.contains(this.applicationType)) {
			throw usage("Invalid value for option '--application-type': expected web or native but was '"
					+ this.applicationType + "'");
		}
		if (this.grantTypes != null) {
			for (String grantType : this.grantTypes) {
				if (!GRANT_TYPES.contains(grantType)) {
					throw usage("Invalid value for option '--grant-type': expected authorization_code, refresh_token "
							+ "or client_credentials but was '" + grantType + "'");
				}
			}
		}
		put(request, "clientName", this.name);
		put(request, "clientType", this.type);
		put(request, "applicationType", this.applicationType);
		putAll(request, "grantTypes", this.grantTypes);
		putAll(request, "redirectUris", this.redirectUris);
		putAll(request, "postLogoutRedirectUris", this.postLogoutRedirectUris);
		putAll(request, "scopes", this.scopes);
		if (this.operator != null) {
			request.put("operator", this.operator);
		}
		if (this.requireConsent != null) {
			request.put("requireConsent", this.requireConsent);
		}
		put(request, "signingAlgorithm", (this.signingAlgorithm != null) ? this.signingAlgorithm.name() : null);
		if (this.backchannelLogoutUri != null) {
			String uri = this.backchannelLogoutUri.strip();
			if (uri.isEmpty()) {
				request.putNull("backchannelLogoutUri");
				request.put("backchannelLogoutSessionRequired", false);
			}
			else {
				request.put("backchannelLogoutUri", uri);
			}
		}
		if (this.backchannelLogoutSessionRequired != null) {
			request.put("backchannelLogoutSessionRequired", this.backchannelLogoutSessionRequired);
		}
		return request;
	}

	private ParameterException usage(String message) {
		return new ParameterException(this.command.commandLine(), message);
	}

	private static void put(ObjectNode request, String field, String value) {
		if (value != null) {
			request.put(field, value);
		}
	}

	private static void putAll(ObjectNode request, String field, List<String> values) {
		if (values != null) {
			ArrayNode array = request.putArray(field);
			values.stream().map(String::strip).filter(value -> !value.isEmpty()).forEach(array::add);
		}
	}

}
