package dev.failsafe.idp.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drill matrix in the build: every single fault of docs/availability.md under load on one
 * deployment of the three places (started once: the scenarios restore the topology between them, the
 * primaries going back to site A before a fault that must move them). Each scenario fails on anything
 * acknowledged lost, an operation that never recovers, a site serving that should not (or not
 * serving that should), two primaries taking writes after the repair, or a killed place not back as a
 * replica holding everything; kill-a also on a logout acknowledged at A just before the kill whose
 * logout token never arrives from B ({@link PendingLogout}). Writes
 * {@code target/drill-report-<scenario>.json} each and {@code target/drill-matrix.json}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrillMatrixIT {

	private static Places places;

	private static final Map<String, Object> MATRIX = new LinkedHashMap<>();

	@BeforeAll
	static void start() throws Exception {
		places = Places.start(Drill.runDirectory(Path.of("target"), "matrix"));
	}

	@AfterAll
	static void stop() throws Exception {
		if (places != null) {
			places.close();
		}
		DrillReport matrix = new DrillReport("matrix");
		MATRIX.forEach(matrix::put);
		matrix.write(Path.of("target/drill-matrix.json"));
	}

	@Test
	@Order(1)
	void killBWhenSiteBLostThenSiteAServesAndNothingLost() throws Exception {
		drill(Scenario.KILL_B);
	}

	@Test
	@Order(2)
	void killWitnessWhenWitnessLostThenBothSitesServeAndNothingLost() throws Exception {
		drill(Scenario.KILL_WITNESS);
	}

	@Test
	@Order(3)
	@SuppressWarnings("unchecked")
	void cutAbWhenSitesApartThenOnlySiteAServesRingHealsByUnionAndNothingLost() throws Exception {
		DrillReport report = drill(Scenario.CUT_AB);
		assertThat(report.get("kidsWithTwoMaterials")).isEqualTo(0);
		assertThat((java.util.Set<String>) report.get("signersAfterHeal")).as("one signer").hasSize(1)
			.containsAnyElementsOf((List<String>) report.get("rotatedDuringCut"));
		assertThat(report.get("adminAtBDuringCut")).as("B refuses admin calls it cannot check: try again")
			.isEqualTo(503);
	}

	@Test
	@Order(4)
	void isolateBWhenSiteBCutOffThenSiteAServesAndNothingLost() throws Exception {
		drill(Scenario.ISOLATE_B);
	}

	@Test
	@Order(5)
	void isolateAWhenPrimariesSiteCutOffThenPromotedAtOtherPlacesAndNothingLost() throws Exception {
		places.primariesToA(Drill.SETTLE);
		drill(Scenario.ISOLATE_A);
	}

	@Test
	@Order(6)
	void killAWhenPrimariesSiteLostThenSiteBServesAndFailBackRejoinsAsReplica() throws Exception {
		places.primariesToA(Drill.SETTLE);
		drill(Scenario.KILL_A);
	}

	@SuppressWarnings("unchecked")
	private static DrillReport drill(Scenario scenario) throws Exception {
		DrillReport report;
		try {
			report = new Drill(places, scenario).run();
		}
		catch (Exception | AssertionError ex) {
			throw new AssertionError(scenario.id() + " failed: " + ex + "\n" + places.logs(), ex);
		}
		report.write(Path.of("target/drill-report-" + scenario.id() + ".json"));
		System.out.print(report.table());
		MATRIX.put(scenario.id(), Map.of("rtoSeconds", report.get("rtoSeconds"), "lost", report.get("lost"),
				"readyDuringFault", report.get("readyDuringFault"), "problems", report.problems()));
		assertThat(report.problems()).as(report.table()).isEmpty();
		List<String> kept = new ArrayList<>(List.of("sessions", "codes", "refreshTokens", "keys", "clients"));
		if (scenario == Scenario.KILL_A) {
			// The logout acknowledged at A just before the kill reaches its relying party from B.
			kept.add("backchannelLogouts");
			assertThat(((Map<String, Double>) report.get("rtoSeconds")).get(DrillReport.BACKCHANNEL_LOGOUT))
				.as("back-channel logout delivered from B").isNotNull();
			assertThat(((Map<String, Object>) report.get("backchannelLogout")).get("deliveredFrom")).isEqualTo("b");
		}
		assertThat((Map<String, Integer>) report.get("lost")).containsOnlyKeys(kept)
			.allSatisfy((what, count) -> assertThat(count).as(what).isZero());
		assertThat(((Map<String, Object>) report.get("adminWrites")).get("acknowledged")).as("admin writes")
			.isNotEqualTo(0);
		if (scenario.movesPrimaries()) {
			assertThat(((Map<String, Object>) report.get("primariesDuringFault")).get("redis"))
				.as("Redis primary promoted away from A").isNotEqualTo("a");
		}
		return report;
	}

}
