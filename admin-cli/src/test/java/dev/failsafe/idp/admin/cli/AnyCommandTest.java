package dev.failsafe.idp.admin.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every command shares, against canned answers taken from docs/admin-api.md: a wrong secret is
 * refused and never printed, and each command answers {@code --help} with its usage.
 */
class AnyCommandTest extends ContractCommandsTest {

	@Test
	void anyCommandWhenSecretWrongThenAuthRefusedAndSecretNeverPrinted() {
		var env = new java.util.HashMap<>(this.server.environment());
		env.put("IDP_ADMIN_CLIENT_SECRET", "wrong-secret-value");

		CliRun run = CliRun.of(env, this.home, "clients", "list");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.AUTH_REFUSED);
		assertThat(run.err()).contains("invalid_client").doesNotContain("wrong-secret-value").hasLineCount(1);
		assertThat(run.out()).isEmpty();
	}

	@Test
	void everyCommandWhenHelpThenUsageAndOk() {
		String[][] commands = { {}, { "keys" }, { "keys", "list" }, { "keys", "rotate" }, { "keys", "revoke" },
				{ "keys", "backup" }, { "keys", "restore" }, { "clients" }, { "clients", "list" }, { "clients", "show" },
				{ "clients", "create" }, { "clients", "update" }, { "clients", "delete" }, { "clients", "rotate-secret" },
				{ "users" }, { "sites" }, { "sites", "status" } };
		for (String[] command : commands) {
			String[] args = java.util.Arrays.copyOf(command, command.length + 1);
			args[command.length] = "--help";

			CliRun run = run(args);

			assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.OK);
			assertThat(run.out()).as(String.join(" ", args)).startsWith("Usage: idp-admin");
		}
		assertThat(run("--help").out()).contains("Exit codes:").contains("4   server unreachable");
	}

}
