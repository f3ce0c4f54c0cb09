package dev.failsafe.idp.admin.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The users commands against canned answers taken from docs/admin-api.md. */
class UsersCommandsTest extends ContractCommandsTest {

	static final String PAULA = """
			{"username":"paula","enabled":true,"claims":{"name":"Paula Partner","email":"paula@example.com",
			"email_verified":true},"updatedAt":"2026-01-01T10:00:00.5Z"}""";

	static final String REVOKED = """
			{"username":"paula","sessionsEnded":2,"authorizationsRevoked":3}""";

	@Test
	void usersListWhenMoreThanAPageThenTableAndHowToGetTheNext() {
		this.server.answer("GET", "/admin/users", 200, "{\"users\":[" + PAULA + "],\"next\":\"paula\"}");

		CliRun run = run("users", "list", "--limit", "1");

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		assertThat(run.out()).isEqualTo("""
				USERNAME  ENABLED  NAME           EMAIL
				paula     true     Paula Partner  paula@example.com
				More: idp-admin users list --after paula
				""");
	}

	@Test
	void usersShowWhenKnownThenClaimsOneALineAndNoPassword() {
		this.server.answer("GET", "/admin/users/paula", 200, PAULA);

		CliRun run = run("users", "show", "paula");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(run.out()).contains("username:       paula\n")
			.contains("email_verified: true\n")
			.contains("updatedAt:      2026-01-01T10:00:00Z\n")
			.doesNotContainIgnoringCase("password");
	}

	@Test
	void usersCreateWhenPasswordInEnvironmentThenSentButNeverPrinted() {
		this.server.answer("POST", "/admin/users", 201, PAULA);

		CliRun run = run(Map.of("IDP_USER_PASSWORD", "env-password-value"), "users", "create", "paula", "--claim",
				"name=Paula Partner", "--claim", "email_verified=true", "--disabled");

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		JsonNode sent = AdminApi.parse(this.server.requests.get(0).body());
		assertThat(sent.path("username").stringValue()).isEqualTo("paula");
		assertThat(sent.path("password").stringValue()).isEqualTo("env-password-value");
		assertThat(sent.path("enabled").asBoolean()).isFalse();
		assertThat(sent.path("claims").path("name").stringValue()).isEqualTo("Paula Partner");
		assertThat(sent.path("claims").path("email_verified").isBoolean()).isTrue();
		assertThat(run.out()).startsWith("Created user paula.\n").doesNotContain("env-password-value");
	}

	@Test
	void usersCreateWhenNoPasswordAnywhereThenUsageAndNothingSent() {
		CliRun run = run("users", "create", "paula");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("IDP_USER_PASSWORD").hasLineCount(1);
		assertThat(this.server.requests).isEmpty();
	}

	@Test
	void usersSetPasswordWhenFileOthersCanReadThenRefusedAndWhenOwnerOnlyThenSent() throws IOException {
		this.server.answer("PUT", "/admin/users/paula/password", 200, REVOKED);
		Path file = this.home.resolve("password.txt");
		Files.writeString(file, "file-password-value\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

		CliRun open = run("users", "set-password", "paula", "--password-file", file.toString());
		assertThat(open.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(open.err()).contains("chmod 600");
		assertThat(this.server.requests).isEmpty();

		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		CliRun run = run("users", "set-password", "paula", "--password-file", file.toString());
		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		assertThat(AdminApi.parse(this.server.requests.get(0).body()).path("password").stringValue())
			.isEqualTo("file-password-value");
		assertThat(run.out()).isEqualTo("New password for user paula: 2 sessions ended, 3 authorizations revoked.\n");
	}

	@Test
	void usersUpdateWhenClaimsSetAndClearedThenOnlyThoseSent() {
		this.server.answer("PUT", "/admin/users/paula", 200, PAULA);

		CliRun run = run("users", "update", "paula", "--claim", "locale=de", "--clear-claim", "email");

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		JsonNode claims = AdminApi.parse(this.server.requests.get(0).body()).path("claims");
		assertThat(claims.path("locale").stringValue()).isEqualTo("de");
		assertThat(claims.get("email").isNull()).isTrue();
		assertThat(claims.size()).isEqualTo(2);
	}

	@Test
	void usersUpdateWhenBooleanClaimNotABooleanThenUsageAndNothingSent() {
		CliRun run = run("users", "update", "paula", "--claim", "email_verified=yes");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(this.server.requests).isEmpty();
	}

	@Test
	void usersDisableDeleteRevokeThenWhatEndedIsPrinted() {
		this.server.answer("POST", "/admin/users/paula/disable", 200, REVOKED)
			.answer("DELETE", "/admin/users/paula", 200, REVOKED)
			.answer("POST", "/admin/users/paula/revoke-sessions", 200, REVOKED)
			.answer("POST", "/admin/users/paula/enable", 200, PAULA);

		assertThat(run("users", "disable", "paula").out())
			.isEqualTo("Disabled user paula: 2 sessions ended, 3 authorizations revoked.\n");
		assertThat(run("users", "revoke-sessions", "paula").out())
			.isEqualTo("Signed out user paula: 2 sessions ended, 3 authorizations revoked.\n");
		assertThat(run("users", "enable", "paula").out()).isEqualTo("Enabled user paula.\n");
		assertThat(run("users", "delete", "paula").out())
			.isEqualTo("Deleted user paula: 2 sessions ended, 3 authorizations revoked.\n");
	}

	@Test
	void usersCreateWhenNameIsAClientIdThenConflictExitCode() {
		this.server.answer("POST", "/admin/users", 409, ContractServer.problem(409, "Conflict",
				"A client with id demo-shop is registered: a username may not equal a client id.", "/admin/users"));

		CliRun run = run(Map.of("IDP_USER_PASSWORD", "env-password-value"), "users", "create", "demo-shop");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFLICT);
		assertThat(run.err()).contains("may not equal a client id").hasLineCount(1);
	}

	@Test
	void usersShowWhenUnknownThenNotFound() {
		this.server.answer("GET", "/admin/users/nobody", 404,
				ContractServer.problem(404, "Not Found", "No user named nobody exists.", "/admin/users/nobody"));

		assertThat(run("users", "show", "nobody").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
	}

	@Test
	void everyUsersCommandWhenHelpThenUsageAndOk() {
		for (String command : new String[] { "list", "show", "create", "update", "enable", "disable", "delete",
				"set-password", "revoke-sessions" }) {
			CliRun run = run("users", command, "--help");

			assertThat(run.exitCode()).as(command).isEqualTo(ExitCodes.OK);
			assertThat(run.out()).as(command).startsWith("Usage: idp-admin users " + command);
		}
		assertThat(run("users").exitCode()).isEqualTo(ExitCodes.USAGE);
	}

}
