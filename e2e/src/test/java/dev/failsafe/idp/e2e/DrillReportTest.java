package dev.failsafe.idp.e2e;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's verdict on kill-a's back-channel logout: a delivery that never came fails the drill. */
class DrillReportTest {

	@Test
	void backChannelLogoutWhenDeliveredFromBThenFigureInTableAndHeld() {
		DrillReport report = heldReport()
			.backChannelLogout(new PendingLogout.Delivery(6.41, Map.of("deliveredFrom", "b")));

		assertThat(report.problems()).isEmpty();
		assertThat(report.get("lost")).isEqualTo(Map.of("sessions", 0, "codes", 0, "refreshTokens", 0, "keys", 0,
				"clients", 0, "backchannelLogouts", 0));
		assertThat(report.table()).containsPattern("backchannelLogout +6\\.41 +- +1 +1");
	}

	@Test
	void backChannelLogoutWhenNeverDeliveredThenLostAndDidNotHold() {
		DrillReport report = heldReport()
			.backChannelLogout(new PendingLogout.Delivery(null, Map.of("attemptBeforeKillFrom", "a")));

		assertThat(report.held()).isFalse();
		assertThat(report.problems()).contains("1 acknowledged backchannelLogouts lost",
				"backchannelLogout never recovered");
		assertThat(report.table()).containsPattern("backchannelLogout +never");
	}

	/** A kill-a report where everything held: every operation back 1 s after the fault, nothing lost. */
	private static DrillReport heldReport() {
		OperationLog log = new OperationLog();
		long fault = System.nanoTime();
		for (String operation : OperationLog.OPERATIONS) {
			log.record(operation, fault - 1_000_000_000L, true);
			log.record(operation, fault + 1_000_000_000L, true);
		}
		Acknowledged.Verdict verdict = new Acknowledged.Verdict(
				new java.util.LinkedHashMap<>(Map.of("sessions", 0, "codes", 0, "refreshTokens", 0, "keys", 0)), 4, 4, 4,
				4, 0);
		return new DrillReport("kill-a").load(log, fault, verdict, 0)
			.put("readyDuringFault", List.of("b"))
			.put("servingExpected", List.of("b"))
			.put("writablePrimariesAfterRepair", Map.of("redis", List.of("w"), "directory", List.of("w")));
	}

}
