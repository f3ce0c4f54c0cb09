package dev.failsafe.idp.e2e;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failover drill in the build: every site-A process killed with SIGKILL under load; nothing
 * acknowledged is lost and every operation recovers at site B. Writes
 * {@code e2e/target/drill-report.json} as {@code e2e/drill} does.
 */
class FailoverDrillIT {

	@Test
	@SuppressWarnings("unchecked")
	void drillWhenSiteAKilledUnderLoadThenNothingAcknowledgedLostAndSiteBServesEverything() throws Exception {
		DrillReport report = new Drill.FailoverDrill(Drill.runDirectory(Path.of("target"), "failover")).run();
		report.write(Path.of("target/drill-report.json"));
		System.out.print(report.table());

		assertThat((Map<String, Integer>) report.get("lost")).as(report.table())
			.containsOnly(Map.entry("sessions", 0), Map.entry("codes", 0), Map.entry("refreshTokens", 0),
					Map.entry("keys", 0));
		assertThat(report.get("revocationsLost")).isEqualTo(0);
		assertThat(report.get("sessionsKept")).isEqualTo(report.get("sessionsHeld")).isEqualTo(Drill.HELD);
		assertThat(report.get("tokensStillValid")).isEqualTo(report.get("tokensHeld")).isEqualTo(Drill.HELD);
		assertThat((Map<String, Double>) report.get("rtoSeconds")).as("every operation recovered at B")
			.doesNotContainValue(null);
		assertThat((Integer) report.get("processesKilledAtA")).as("provider, Redis, sentinel, PostgreSQL")
			.isGreaterThanOrEqualTo(4);
		assertThat((String) report.get("redisPrimaryAfter")).doesNotStartWith(report.get("siteA") + ":");
		assertThat(Drill.nothingLost(report)).isTrue();
	}

}
