package dev.failsafe.idp.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.failsafe.idp.testing.Wait;

/**
 * {@code e2e/drill --scenario NAME}: one single fault of docs/availability.md ({@link Scenario}) under
 * load against the three places started from the built jars ({@link Places}). Prints the table,
 * writes {@code e2e/target/drill-report.json} (or the path after {@code --report}), and exits 1 when
 * anything acknowledged was lost or the fault's rules did not hold. Without {@code --scenario} it runs
 * {@code kill-a}; {@code --partition} is {@code cut-ab}.
 *
 * <p>Each run ({@link #run}): bounded load through the load balancer and an operator registering
 * clients ({@link AdminWrites}); what was acknowledged is taken ({@link Acknowledged}); the fault;
 * the load goes on until every operation succeeded again; which sites report ready meanwhile; every
 * acknowledged thing asked for again; then the fault undone (the fail-back of a killed place, the heal
 * of a cut), after which exactly one Redis primary and one PostgreSQL primary take writes and a
 * killed place holds everything again as a replica. In {@code kill-a}, a logout acknowledged at site A
 * just before the kill must reach its relying party from site B ({@link PendingLogout}).
 */
public final class Drill {

	static final int VIRTUAL_USERS = 4;

	static final int HELD = 4;

	static final Duration WARM_UP = Duration.ofSeconds(6);

	static final Duration RECOVERY = Duration.ofSeconds(90);

	static final Duration MAX_LOAD = Duration.ofMinutes(4);

	static final Duration SETTLE = Duration.ofSeconds(120);

	/** How long after the kill of site A its pending back-channel logout may take to arrive from B. */
	static final Duration BACKCHANNEL_DELIVERY = Duration.ofSeconds(60);

	private final Places places;

	private final Scenario scenario;

	/** What users were told succeeded before the fault (taken during the run). */
	private Acknowledged acknowledged;

	/** The clients whose registration was acknowledged during the run. */
	private List<String> acknowledgedClients;

	Drill(Places places, Scenario scenario) {
		this.places = places;
		this.scenario = scenario;
	}

	public static void main(String[] arguments) throws Exception {
		List<String> args = List.of(arguments);
		Scenario scenario;
		Path reportFile;
		try {
			String named = option(args, "--scenario");
			scenario = (named != null) ? Scenario.named(named)
					: args.contains("--partition") ? Scenario.CUT_AB : Scenario.KILL_A;
			String report = option(args, "--report");
			reportFile = (report != null) ? Path.of(report)
					: Path.of(System.getProperty("idp.e2e.root", "."), "e2e/target/drill-report.json");
		}
		catch (IllegalArgumentException ex) {
			System.err.println("drill: " + ex.getMessage() + "\nusage: e2e/drill [--scenario "
					+ String.join("|", java.util.Arrays.stream(Scenario.values()).map(Scenario::id).toList())
					+ " | --partition] [--report FILE]");
			System.exit(2);
			return;
		}
		Path runDir = runDirectory(reportFile.toAbsolutePath().getParent(), scenario.id());
		DrillReport report;
		try (Places places = Places.start(runDir)) {
			report = new Drill(places, scenario).run();
		}
		report.write(reportFile);
		System.out.print(report.table());
		System.out.println("report: " + reportFile.toAbsolutePath().normalize());
		System.exit(report.held() ? 0 : 1);
	}

	/** The value after {@code name}, or null when {@code name} is not given. */
	static String option(List<String> args, String name) {
		int at = args.indexOf(name);
		if (at < 0) {
			return null;
		}
		if (at + 1 >= args.size() || args.get(at + 1).startsWith("--")) {
			throw new IllegalArgumentException(name + " needs a value");
		}
		return args.get(at + 1);
	}

	/** One line of progress on standard output (a drill takes minutes). */
	static void say(String what) {
		System.out.println("[drill " + java.time.LocalTime.now().withNano(0) + "] " + what);
	}

	/**
	 * A fresh directory for one run's data and process logs, kept afterwards so a failed drill can be
	 * read.
	 */
	static Path runDirectory(Path parent, String drill) throws java.io.IOException {
		Files.createDirectories(parent);
		return Files.createTempDirectory(parent.toAbsolutePath(), "drill-" + drill + "-");
	}

	/** Runs the scenario on the deployment, from a steady state with both primaries at site A. */
	DrillReport run() throws Exception {
		say(this.scenario.id() + ": waiting for the steady state");
		this.places.awaitSteady(SETTLE);
		SiteAdmin a = new SiteAdmin(this.places.direct(Places.A));
		SiteAdmin b = new SiteAdmin(this.places.direct(Places.B));
		String older = null;
		if (this.scenario == Scenario.CUT_AB) {
			// An older key for A to revoke during the cut: the current signer stops signing.
			older = a.signer();
			a.rotate();
		}
		long startedAt = System.nanoTime();
		DrillReport report = new DrillReport(this.scenario.id());
		boolean[] inflicted = { false };
		try {
			duringFault(report, a, b, older, inflicted);
		}
		catch (Exception | AssertionError ex) {
			if (inflicted[0]) {
				// Failed during the fault: undo it anyway, so the scenarios after this one start whole.
				try {
					this.scenario.repair(this.places);
				}
				catch (Exception repair) {
					ex.addSuppressed(repair);
				}
			}
			throw ex;
		}
		say(this.scenario.id() + ": checked what was acknowledged; repairing");
		this.scenario.repair(this.places);
		if (this.scenario == Scenario.CUT_AB) {
			SiteAdmin.UnitedRing ring = SiteAdmin.awaitUnited(a, b, Duration.ofSeconds(60));
			report.put("revocationsLost", (Integer) report.get("revocationsLost") + (ring.revoked().contains(older) ? 0 : 1))
				.put("kidsWithTwoMaterials", ring.kidsWithTwoMaterials())
				.put("signersAfterHeal", Set.copyOf(ring.signers()))
				.put("healToOneSignerSeconds", ring.seconds());
		}
		report.put("writablePrimariesAfterRepair", awaitOnePrimaryEach());
		say(this.scenario.id() + ": one primary each; waiting for the steady state");
		this.places.awaitSteady(SETTLE);
		if (this.scenario.isKill()) {
			report.put("failBack",
					FailBackCheck.rejoined(this.places, this.scenario.killedPlace(), this.acknowledged, this.acknowledgedClients));
		}
		return report.put("load", Map.of("virtualUsers", VIRTUAL_USERS, "seconds",
				Math.round((System.nanoTime() - startedAt) / 1e9)));
	}

	/**
	 * Load, what was acknowledged, the fault, recovery, which sites are ready and what was lost: all
	 * while the fault lasts.
	 */
	private void duringFault(DrillReport report, SiteAdmin a, SiteAdmin b, String older, boolean[] inflicted)
			throws Exception {
		OperationLog log = new OperationLog();
		long faultAt;
		List<String> lostClients;
		Map<String, Object> admin;
		PendingLogout.Delivery delivery;
		try (DrillLoad load = DrillLoad.start(this.places.issuer(), this.places.partnerApi(), log, VIRTUAL_USERS,
				MAX_LOAD);
				AdminWrites writes = AdminWrites.start(this.places.issuer(), "drill-" + this.scenario.id(), log,
						MAX_LOAD)) {
			Thread.sleep(WARM_UP.toMillis());
			this.acknowledged = Acknowledged.take(this.places.issuer(), HELD, Duration.ofSeconds(30));
			Wait.until("an admin write acknowledged before the fault", Duration.ofSeconds(30), Duration.ofMillis(100),
					() -> writes.acknowledged() > 0);
			if (this.scenario == Scenario.CUT_AB) {
				a.refreshAdminToken();
				b.refreshAdminToken();
			}
			// kill-a: a logout acknowledged at A whose delivery the relying party leaves pending.
			PendingLogout logout = (this.scenario == Scenario.KILL_A) ? PendingLogout.atSiteA(this.places) : null;
			say(this.scenario.id() + ": the fault");
			faultAt = System.nanoTime();
			Instant faultInstant = Instant.now();
			inflicted[0] = true;
			report.put("processesKilled", this.scenario.inflict(this.places));
			if (logout != null) {
				logout.opened();
			}
			if (this.scenario == Scenario.CUT_AB) {
				// The serving side changes the ring while apart; the other side, which cannot check an
				// admin token against stores it cannot reach, refuses admin calls with "try again".
				a.awaitAlone(Duration.ofSeconds(60));
				report.put("rotatedDuringCut", List.of(a.rotate()));
				a.revoke(older);
				report.put("adminAtBDuringCut", b.sitesStatus());
				report.put("servedDuringCut",
						CutProbe.observe(this.places, this.acknowledged.accessTokens().get(0), Duration.ofSeconds(6)));
			}
			awaitRecovery(log, faultAt);
			say(this.scenario.id() + ": recovered " + log.recoverySeconds(faultAt));
			delivery = (logout != null) ? logout.awaitDelivery(faultInstant, BACKCHANNEL_DELIVERY) : null;
			report.put("readyDuringFault", readySites());
			report.put("primariesDuringFault", primaries());
			writes.close();
			lostClients = writes.lost(Duration.ofSeconds(60));
			this.acknowledgedClients = writes.acknowledgedIds();
			admin = writes.summary(lostClients);
		}
		Acknowledged.Verdict verdict = this.acknowledged.verify(this.places.partnerApi(),
				(older != null) ? Set.of(older) : Set.of(), Duration.ofSeconds(60));
		report.load(log, faultAt, verdict, lostClients.size())
			.put("adminWrites", admin)
			.put("servingExpected", this.scenario.serving().stream().sorted().map(Places.NAMES::get).toList());
		if (delivery != null) {
			report.backChannelLogout(delivery);
		}
	}

	/** Waits until every operation of the load succeeded after the fault, or the deadline. */
	static void awaitRecovery(OperationLog log, long eventNanos) throws InterruptedException {
		Instant deadline = Instant.now().plus(RECOVERY);
		while (!log.allRecoveredAfter(eventNanos) && Instant.now().isBefore(deadline)) {
			Thread.sleep(250);
		}
		// A little more load after recovery, so the report shows the service steady again.
		Thread.sleep(2000);
	}

	/** Which sites report ready now, asked directly (the load balancer's view). */
	private List<String> readySites() {
		return List.of(Places.A, Places.B).stream().filter(this.places::ready).map(Places.NAMES::get).toList();
	}

	private Map<String, Object> primaries() {
		Map<String, Object> primaries = new LinkedHashMap<>();
		Integer redis = this.places.redis().primary();
		primaries.put("redis", (redis != null) ? Places.NAMES.get(redis) : null);
		primaries.put("directory", this.places.directory().leader());
		return primaries;
	}

	/**
	 * After the repair, waits until exactly one Redis node and one PostgreSQL member take writes (an
	 * old primary that was cut off has rejoined as a replica); answers the places that do.
	 */
	private Map<String, List<String>> awaitOnePrimaryEach() {
		Wait.until("one Redis primary and one PostgreSQL primary taking writes", SETTLE, Duration.ofMillis(250),
				() -> this.places.redis().writable().size() == 1 && this.places.directory().primaries().size() == 1,
				() -> "Redis " + this.places.redis().roles() + ", " + this.places.directory());
		return Map.of("redis", this.places.redis().writable().stream().map(Places.NAMES::get).toList(), "directory",
				this.places.directory().primaries());
	}

}
