package dev.failsafe.idp.admin.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The sites commands against canned answers taken from docs/admin-api.md. */
class SitesCommandsTest extends ContractCommandsTest {

	@Test
	void sitesStatusWhenTwoSitesThenMembersKeyRingAndRedis() {
		this.server.answer("GET", "/admin/sites", 200, """
				{"localSite":"east","members":[{"address":"10.0.0.1:5701","site":"east","local":true},
				{"address":"10.1.0.1:5701","site":"west","local":false}],
				"keyRing":[{"kid":"k1","partition":17,"primary":"10.0.0.1:5701","backups":["10.1.0.1:5701"]}],
				"redis":null}""");

		CliRun run = run("sites", "status");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(run.out()).isEqualTo("""
				Local site: east

				Members:
				ADDRESS        SITE  LOCAL
				10.0.0.1:5701  east  yes
				10.1.0.1:5701  west  no

				Key ring:
				KID  PARTITION  PRIMARY        BACKUPS
				k1   17         10.0.0.1:5701  10.1.0.1:5701

				Redis: not configured
				""");
	}

	@Test
	void sitesStatusWhenTokenLacksAdminScopeThenAuthRefusedExitCode() {
		this.server.answer("GET", "/admin/sites", 403,
				ContractServer.problem(403, "Forbidden", "The access token lacks the admin scope.", "/admin/sites"));

		CliRun run = run("sites", "status");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.AUTH_REFUSED);
		assertThat(run.err()).startsWith("idp-admin: not allowed (GET /admin/sites): The access token lacks the admin scope.")
			.hasLineCount(1);
	}

}
