package dev.failsafe.idp.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The clients and sites commands in-process against a real provider process. */
class ClientsAndSitesCommandsIT extends ProviderCommandsIT {

	@Test
	@Order(1)
	void clientsCreateWhenConfidentialThenSecretPrintedOnceAndListed() {
		CliRun created = run("clients", "create", "cli-it-shop", "--name", "CLI IT Shop", "--type", "confidential",
				"--grant-type", "client_credentials", "--scope", "orders.read");
		CliRun list = run("clients", "list");

		assertThat(created.exitCode()).as(created.err()).isEqualTo(ExitCodes.OK);
		assertThat(created.out()).startsWith("Created client cli-it-shop.\n").contains("Client secret: ");
		assertThat(list.out().lines()).anySatisfy(line -> assertThat(line).startsWith("cli-it-shop").contains("CLI IT Shop"));
		assertThat(list.out()).contains("demo-shop");
	}

	@Test
	@Order(2)
	void clientsCreateWhenIdTakenThenConflict() {
		CliRun run = run("clients", "create", "cli-it-shop", "--type", "confidential", "--grant-type",
				"client_credentials");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFLICT);
		assertThat(run.err()).startsWith("idp-admin: ").hasLineCount(1);
	}

	@Test
	@Order(3)
	void clientsUpdateWhenNameGivenThenShowHasItAndKeepsTheRest() {
		CliRun update = run("clients", "update", "cli-it-shop", "--name", "Renamed Shop");
		CliRun show = run("clients", "show", "cli-it-shop");

		assertThat(update.exitCode()).as(update.err()).isEqualTo(ExitCodes.OK);
		assertThat(show.out()).contains("Renamed Shop").contains("client_credentials").contains("orders.read")
			.doesNotContain("Client secret");
	}

	@Test
	@Order(4)
	void clientsRotateSecretWhenConfidentialThenNewSecretPrintedOnce() {
		CliRun run = run("clients", "rotate-secret", "cli-it-shop", "--json");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(AdminApi.parse(run.out()).path("clientSecret").stringValue()).isNotBlank();
	}

	@Test
	@Order(5)
	void clientsDeleteWhenKnownThenShowIsNotFound() {
		CliRun delete = run("clients", "delete", "cli-it-shop");
		CliRun show = run("clients", "show", "cli-it-shop");

		assertThat(delete.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(show.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
		assertThat(show.err()).startsWith("idp-admin: ").hasLineCount(1);
	}

	@Test
	@Order(6)
	void sitesStatusWhenOneNodeThenLocalSiteAndItsMember() {
		CliRun run = run("sites", "status");

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		assertThat(run.out()).startsWith("Local site: local\n").contains("ADDRESS", "KID", "PARTITION")
			.contains("Redis: not configured");
		assertThat(run.out().lines()).anySatisfy(line -> assertThat(line).startsWith("127.0.0.1:").endsWith("yes"));
	}

	@Test
	@Order(7)
	void clientsCreateWhenOperatorThenItsOwnCredentialsOpenTheAdminApi() {
		CliRun created = run("clients", "create", "cli-it-ops", "--name", "On-call", "--type", "confidential",
				"--grant-type", "client_credentials", "--scope", "admin", "--operator", "--json");
		assertThat(created.exitCode()).as(created.err()).isEqualTo(ExitCodes.OK);
		String secret = AdminApi.parse(created.out()).path("clientSecret").stringValue();

		CliRun keys = run(java.util.Map.of("IDP_ADMIN_CLIENT_ID", "cli-it-ops", "IDP_ADMIN_CLIENT_SECRET", secret), "keys",
				"list");

		assertThat(keys.exitCode()).as(keys.err()).isEqualTo(ExitCodes.OK);
		assertThat(keys.out()).contains("SIGNING");
		assertThat(run("clients", "show", "cli-it-ops").out()).containsPattern("(?m)^operator:\\s+true$");
	}

	@Test
	@Order(8)
	void clientsCreateWhenAUserFacingClientAsksForAdminThenRefusedWithTheRule() {
		CliRun run = run("clients", "create", "cli-it-web", "--name", "Web", "--type", "confidential", "--grant-type",
				"authorization_code", "--redirect-uri", "https://app.example/cb", "--scope", "openid,admin");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("admin scope is only for operator clients").hasLineCount(1);
		assertThat(run("clients", "show", "cli-it-web").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
	}

}
