package dev.failsafe.idp.admin.cli;

import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The users commands in-process against a real provider process: the life of one user. */
class UsersCommandsIT extends ProviderCommandsIT {

	@Test
	@Order(1)
	void usersCreateThenShownAndListed() {
		CliRun created = run(Map.of("IDP_USER_PASSWORD", "cli-it-password"), "users", "create", "cli-it-user",
				"--claim", "name=CLI Tester", "--claim", "email_verified=true");
		CliRun list = run(Map.of(), "users", "list");

		assertThat(created.exitCode()).as(created.err()).isEqualTo(ExitCodes.OK);
		assertThat(created.out()).startsWith("Created user cli-it-user.\n").contains("CLI Tester")
			.doesNotContain("cli-it-password");
		assertThat(list.out().lines()).anySatisfy(line -> assertThat(line).startsWith("cli-it-user").contains("true"));
		assertThat(list.out()).contains("alice");
	}

	@Test
	@Order(2)
	void usersCreateWhenNameTakenOrAClientIdThenConflict() {
		Map<String, String> password = Map.of("IDP_USER_PASSWORD", "cli-it-password");

		assertThat(run(password, "users", "create", "cli-it-user").exitCode()).isEqualTo(ExitCodes.CONFLICT);
		assertThat(run(password, "users", "create", "demo-shop").exitCode()).isEqualTo(ExitCodes.CONFLICT);
	}

	@Test
	@Order(3)
	void usersUpdateDisableEnableSetPasswordRevokeThenEachAnswers() {
		CliRun update = run(Map.of(), "users", "update", "cli-it-user", "--claim", "locale=de", "--clear-claim", "name");
		CliRun disable = run(Map.of(), "users", "disable", "cli-it-user");
		CliRun show = run(Map.of(), "users", "show", "cli-it-user", "--json");
		CliRun enable = run(Map.of(), "users", "enable", "cli-it-user");
		CliRun password = run(Map.of("NEW_PASSWORD", "another-password"), "users", "set-password", "cli-it-user",
				"--password-env", "NEW_PASSWORD");
		CliRun revoke = run(Map.of(), "users", "revoke-sessions", "cli-it-user");

		assertThat(update.exitCode()).as(update.err()).isEqualTo(ExitCodes.OK);
		assertThat(update.out()).contains("locale:").doesNotContain("CLI Tester");
		assertThat(disable.out()).startsWith("Disabled user cli-it-user: 0 sessions ended, 0 authorizations revoked.");
		assertThat(AdminApi.parse(show.out()).path("enabled").asBoolean()).isFalse();
		assertThat(enable.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(password.exitCode()).as(password.err()).isEqualTo(ExitCodes.OK);
		assertThat(revoke.exitCode()).isEqualTo(ExitCodes.OK);
	}

	@Test
	@Order(4)
	void usersDeleteThenShowIsNotFound() {
		CliRun delete = run(Map.of(), "users", "delete", "cli-it-user");
		CliRun show = run(Map.of(), "users", "show", "cli-it-user");

		assertThat(delete.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(show.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
		assertThat(show.err()).startsWith("idp-admin: No user named cli-it-user").hasLineCount(1);
	}

}
