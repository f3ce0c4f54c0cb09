package dev.failsafe.idp.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partition drill in the build: the sites cut from each other under load while each rotates keys
 * and B revokes one, then healed. No kid names two materials, the revocation survives the heal, both
 * sites sign with one key again, and nothing acknowledged before the cut is lost.
 */
class PartitionDrillIT {

	@Test
	@SuppressWarnings("unchecked")
	void drillWhenSitesCutAndHealedThenRingUnitedAndNothingAcknowledgedLost() throws Exception {
		DrillReport report = new Drill.PartitionDrill(Drill.runDirectory(Path.of("target"), "partition")).run();
		report.write(Path.of("target/partition-drill-report.json"));
		System.out.print(report.table());

		assertThat(report.get("kidsWithTwoMaterials")).as(report.table()).isEqualTo(0);
		assertThat(report.get("revocationsLost")).isEqualTo(0);
		assertThat((Set<String>) report.get("signersAfterHeal")).as("one signer").hasSize(1)
			.containsAnyElementsOf((List<String>) report.get("rotatedDuringCut"));
		assertThat((Map<String, Integer>) report.get("lost")).containsOnly(Map.entry("sessions", 0),
				Map.entry("codes", 0), Map.entry("refreshTokens", 0), Map.entry("keys", 0));
		assertThat(report.get("tokensStillValid")).isEqualTo(report.get("tokensHeld"));
		Map<String, Map<String, List<Long>>> served = (Map<String, Map<String, List<Long>>>) report
			.get("servedDuringCut");
		assertThat(served.get("a").get("jwks").get(1)).as("A keeps publishing its keys during the cut").isPositive();
		assertThat(served.get("b").get("jwks").get(1)).as("B keeps publishing its keys during the cut").isPositive();
		assertThat(Drill.nothingLost(report)).isTrue();
	}

}
