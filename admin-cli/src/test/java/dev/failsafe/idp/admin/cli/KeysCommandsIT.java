package dev.failsafe.idp.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.Ports;
import dev.failsafe.idp.testing.provider.Demo;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The CLI in-process (captured output) against a real provider process. */
class KeysCommandsIT extends ProviderCommandsIT {

	@Test
	@Order(1)
	void keysListWhenProviderRunsThenTableWithKidAlgorithmStateAndTimes() {
		CliRun run = run("keys", "list");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
		List<String> lines = run.out().lines().toList();
		assertThat(lines.get(0)).startsWith("KID").contains("ALGORITHM", "STATE", "PUBLISHED", "ACTIVATED", "SUPERSEDED",
				"REVOKED");
		assertThat(lines).anySatisfy(line -> assertThat(line).contains("RS256").contains("SIGNING"));
		assertThat(lines.get(1)).matches(".*\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ.*");
		assertThat(run.err()).isEmpty();
	}

	@Test
	@Order(2)
	void keysListWhenJsonThenTheApisJson() {
		CliRun run = run("keys", "list", "--json");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
		JsonNode keys = AdminApi.parse(run.out()).path("keys");
		assertThat(keys.isArray()).isTrue();
		assertThat(keys.get(0).propertyNames()).containsExactlyInAnyOrder("kid", "algorithm", "state", "publishAt",
				"activateAt", "supersededAt", "revokedAt");
	}

	@Test
	@Order(3)
	void keysRotateWhenEmergencyThenListShowsTheNewKeySigning() {
		CliRun rotate = run("keys", "rotate", "--json");
		String kid = AdminApi.parse(rotate.out()).path("kid").stringValue();

		CliRun list = run("keys", "list");

		assertThat(rotate.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(list.out().lines()).anySatisfy(line -> assertThat(line).startsWith(kid).contains("RS256", "SIGNING"));
	}

	@Test
	@Order(4)
	void keysRotateWhenTableThenNewKeyNamed() {
		CliRun run = run("keys", "rotate", "--algorithm", "ES256");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(run.out()).matches("New key \\S+ \\(ES256\\), state SIGNING\\.\n");
	}

	@Test
	@Order(5)
	void keysBackupWhenOutputFileThenRestoreAddsNothing() throws Exception {
		Path backup = this.home.resolve("ring.json");

		CliRun written = run("keys", "backup", "--output", backup.toString());
		CliRun restored = run("keys", "restore", "--input", backup.toString());
		CliRun again = run("keys", "restore", "--input", backup.toString(), "--json");

		assertThat(written.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(Files.getPosixFilePermissions(backup)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(restored.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(restored.out()).isEqualTo("Restored: 0 keys added, 0 revocations added.\n");
		assertThat(AdminApi.parse(again.out()).path("keysAdded").asInt()).isZero();
	}

	@Test
	@Order(6)
	void keysBackupWhenOutputFileExistsThenRefusedAndKept() throws Exception {
		Path existing = Files.writeString(this.home.resolve("keep.json"), "keep");

		CliRun run = run("keys", "backup", "--output", existing.toString());

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).isEqualTo("idp-admin: " + existing + " already exists: choose another file\n");
		assertThat(Files.readString(existing)).isEqualTo("keep");
	}

	@Test
	@Order(7)
	void keysRestoreWhenBackupAlteredThenUsageExitCodeWithServersDetail() throws Exception {
		Path altered = Files.writeString(this.home.resolve("altered.json"), "{\"backup\":\"AAAAaltered\"}");

		CliRun run = run("keys", "restore", "--input", altered.toString());

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).startsWith("idp-admin: The backup cannot be opened").hasLineCount(1);
	}

	@Test
	@Order(8)
	void keysRevokeWhenUnknownKidThenNotFound() {
		CliRun run = run("keys", "revoke", "no-such-kid");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
		assertThat(run.err()).isEqualTo(
				"idp-admin: No key with kid no-such-kid is in the ring. (HTTP 404, POST /admin/keys/no-such-kid/revoke)\n");
	}

	@Test
	@Order(9)
	void keysRotateWhenUnknownAlgorithmThenUsageExitCodeAndOneLine() {
		CliRun run = run("keys", "rotate", "--algorithm", "HS256");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).startsWith("idp-admin: Invalid value for option '--algorithm'").contains("HS256")
			.hasLineCount(1);
		assertThat(run.out()).isEmpty();
	}

	@Test
	@Order(10)
	void keysListWhenSecretWrongThenAuthRefusedOneLineWithoutTheSecret() {
		Map<String, String> env = new HashMap<>(provider.environment());
		env.put("IDP_ADMIN_CLIENT_SECRET", "not-the-secret");

		CliRun run = CliRun.of(env, this.home, "keys", "list");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.AUTH_REFUSED);
		assertThat(run.err()).isEqualTo("idp-admin: token refused by " + provider.issuer()
				+ "/oauth2/token: invalid_client (Client authentication failed.); check the client id 'demo-admin' and its secret\n");
	}

	@Test
	@Order(11)
	void keysListWhenClientLacksAdminScopeThenAuthRefused() {
		Map<String, String> env = Map.of("IDP_ISSUER", provider.issuer(), "IDP_ADMIN_CLIENT_ID", Demo.PARTNER_API,
				"IDP_ADMIN_CLIENT_SECRET", Demo.PARTNER_API_SECRET);

		CliRun run = CliRun.of(env, this.home, "keys", "list");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.AUTH_REFUSED);
		assertThat(run.err()).contains("invalid_scope").hasLineCount(1);
	}

	@Test
	@Order(12)
	void keysListWhenServerDownThenUnreachableOneLine() throws Exception {
		String down = "http://localhost:" + Ports.free();

		CliRun run = run("keys", "list", "--issuer", down);

		assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
		assertThat(run.err()).isEqualTo("idp-admin: cannot reach " + down + ": connection refused\n");
	}

	@Test
	@Order(13)
	void keysListWhenCredentialsInConfigFileThenUsed() throws Exception {
		Path config = Files.writeString(this.home.resolve("admin.properties"), "issuer=" + provider.issuer()
				+ "\nclient-id=" + Demo.ADMIN + "\nclient-secret=" + Demo.ADMIN_SECRET + "\n");
		Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));

		CliRun run = CliRun.of(Map.of(), this.home, "keys", "list", "--config", config.toString());

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(run.out()).startsWith("KID");
	}

	@Test
	@Order(14)
	void keysRotateWhenRevokePreviousThenOldSigningKeyRevoked() {
		String before = AdminApi.parse(run("keys", "rotate", "--json").out()).path("kid").stringValue();

		CliRun run = run("keys", "rotate", "--revoke-previous");
		CliRun list = run("keys", "list");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(run.out()).contains("revoked");
		assertThat(list.out().lines()).anySatisfy(line -> assertThat(line).startsWith(before).contains("REVOKED"));
	}

}
