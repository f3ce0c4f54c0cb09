package dev.failsafe.idp.admin.cli;

import java.net.http.HttpClient;
import java.nio.file.Path;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Mixin: which provider to call and where the credentials come from (never an option value). */
final class ConnectionOptions {

	private final CliContext context;

	@Spec(Spec.Target.MIXEE)
	private CommandSpec command;

	@Option(names = "--issuer", paramLabel = "URL",
			description = "The provider's issuer (default: $IDP_ISSUER, else the config file's issuer, else "
					+ SettingsLoader.DEFAULT_ISSUER + ").")
	private String issuer;

	@Option(names = "--config", paramLabel = "FILE",
			description = "Settings file with issuer, client-id, client-secret (default: ~/"
					+ SettingsLoader.DEFAULT_CONFIG + " if it exists). Must not be readable by other users.")
	private Path config;

	@Option(names = "--client-secret-env", paramLabel = "VARIABLE",
			description = "Environment variable holding the client secret (default: "
					+ SettingsLoader.CLIENT_SECRET_VARIABLE + "); the id is $" + SettingsLoader.CLIENT_ID_VARIABLE
					+ ".")
	private String secretVariable;

	ConnectionOptions(CliContext context) {
		this.context = context;
	}

	/** A client of the admin API with the resolved settings. */
	AdminApi api() {
		AdminSettings settings = new SettingsLoader(this.context.environment(), this.context.home(),
				this.command.commandLine().getErr())
			.load(this.issuer, this.config, this.secretVariable);
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(this.context.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		return new AdminApi(http, settings, this.context.timeout());
	}

}
