package dev.failsafe.idp.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code e2e/drill}: the failover drill, or with {@code --partition} the partition drill, against two
 * sites started from the built jars ({@link TwoSites}). Prints the table, writes
 * {@code e2e/target/drill-report.json} (or the path after {@code --report}), and exits 1 when
 * anything acknowledged was lost.
 *
 * <p>Failover: bounded load through the load balancer, SIGKILL of every site-A process mid-load, the
 * load going on at site B. Partition: the sites cut from each other (the witness, the load balancer
 * and the partner still reach both) while each side rotates keys and B revokes one, then healed.
 */
public final class Drill {

	static final int VIRTUAL_USERS = 4;

	static final int HELD = 4;

	static final Duration WARM_UP = Duration.ofSeconds(8);

	static final Duration RECOVERY = Duration.ofSeconds(90);

	static final Duration MAX_LOAD = Duration.ofMinutes(4);

	private Drill() {
	}

	public static void main(String[] arguments) throws Exception {
		List<String> args = List.of(arguments);
		boolean partition = args.contains("--partition");
		int reportAt = args.indexOf("--report");
		Path reportFile = (reportAt >= 0) ? Path.of(args.get(reportAt + 1))
				: Path.of(System.getProperty("idp.e2e.root", "."), "e2e/target/drill-report.json");
		Path runDir = runDirectory(reportFile.toAbsolutePath().getParent(), partition ? "partition" : "failover");
		DrillReport report = partition ? new PartitionDrill(runDir).run() : new FailoverDrill(runDir).run();
		report.write(reportFile);
		System.out.print(report.table());
		System.out.println("report: " + reportFile.toAbsolutePath().normalize());
		System.exit(nothingLost(report) ? 0 : 1);
	}

	/**
	 * A fresh directory for one run's data and process logs ({@code <name>.log}), kept afterwards so a
	 * failed drill can be read.
	 */
	static Path runDirectory(Path parent, String drill) throws java.io.IOException {
		Files.createDirectories(parent);
		return Files.createTempDirectory(parent.toAbsolutePath(), "drill-" + drill + "-");
	}

	/** Whether the report shows no acknowledged write, session, token or key lost. */
	@SuppressWarnings("unchecked")
	static boolean nothingLost(DrillReport report) {
		java.util.Map<String, Integer> lost = (java.util.Map<String, Integer>) report.get("lost");
		boolean none = lost.values().stream().allMatch(count -> count == 0)
				&& Integer.valueOf(0).equals(report.get("revocationsLost"))
				&& report.get("sessionsKept").equals(report.get("sessionsHeld"))
				&& report.get("tokensStillValid").equals(report.get("tokensHeld"));
		Object twoMaterials = report.get("kidsWithTwoMaterials");
		return none && (twoMaterials == null || Integer.valueOf(0).equals(twoMaterials));
	}

	/** Waits until every operation of the load succeeded after the event, or the deadline. */
	static void awaitRecovery(OperationLog log, long eventNanos) throws InterruptedException {
		Instant deadline = Instant.now().plus(RECOVERY);
		while (!log.allRecoveredAfter(eventNanos) && Instant.now().isBefore(deadline)) {
			Thread.sleep(250);
		}
		// A little more load after recovery, so the report shows the service steady again.
		Thread.sleep(2000);
	}

	/** The kill drill. */
	static final class FailoverDrill {

		private final Path runDir;

		FailoverDrill(Path runDir) {
			this.runDir = runDir;
		}

		DrillReport run() throws Exception {
			try (TwoSites sites = TwoSites.start(this.runDir)) {
				OperationLog log = new OperationLog();
				long startedAt = System.nanoTime();
				Acknowledged acknowledged;
				long killedAt;
				int killed;
				try (DrillLoad load = DrillLoad.start(sites.issuer(), sites.partnerApi(), log, VIRTUAL_USERS, MAX_LOAD)) {
					Thread.sleep(WARM_UP.toMillis());
					acknowledged = Acknowledged.take(sites.issuer(), HELD, Duration.ofSeconds(30));
					killedAt = System.nanoTime();
					killed = sites.killSite(0);
					awaitRecovery(log, killedAt);
				}
				Acknowledged.Verdict verdict = acknowledged.verify(sites.partnerApi(), Set.of(), Duration.ofSeconds(60));
				return new DrillReport("failover").load(log, killedAt, verdict)
					.put("siteA", sites.site(0).address())
					.put("processesKilledAtA", killed)
					.put("redisPrimaryAfter", sites.redis().primaryAddress())
					.put("load", java.util.Map.of("virtualUsers", VIRTUAL_USERS, "seconds",
							Math.round((System.nanoTime() - startedAt) / 1e9)));
			}
		}

	}

	/** The partition drill. */
	static final class PartitionDrill {

		private final Path runDir;

		PartitionDrill(Path runDir) {
			this.runDir = runDir;
		}

		DrillReport run() throws Exception {
			try (TwoSites sites = TwoSites.start(this.runDir)) {
				SiteAdmin a = new SiteAdmin(sites.direct(0));
				SiteAdmin b = new SiteAdmin(sites.direct(1));
				// An older key for B to revoke during the cut: the current signer stops signing.
				String older = a.signer();
				a.rotate();
				OperationLog log = new OperationLog();
				long startedAt = System.nanoTime();
				Acknowledged acknowledged;
				long healedAt;
				java.util.Map<String, Object> served;
				String rotatedAtA;
				String rotatedAtB;
				try (DrillLoad load = DrillLoad.start(sites.issuer(), sites.partnerApi(), log, VIRTUAL_USERS, MAX_LOAD)) {
					Thread.sleep(WARM_UP.toMillis());
					acknowledged = Acknowledged.take(sites.issuer(), HELD, Duration.ofSeconds(30));
					a.refreshAdminToken();
					b.refreshAdminToken();
					sites.cut();
					a.awaitAlone(Duration.ofSeconds(60));
					b.awaitAlone(Duration.ofSeconds(60));
					rotatedAtA = a.rotate();
					rotatedAtB = b.rotate();
					b.revoke(older);
					served = CutProbe.observe(sites, acknowledged.accessTokens().get(0), Duration.ofSeconds(8));
					sites.heal();
					healedAt = System.nanoTime();
					awaitRecovery(log, healedAt);
				}
				SiteAdmin.UnitedRing ring = SiteAdmin.awaitUnited(a, b, Duration.ofSeconds(60));
				Acknowledged.Verdict verdict = acknowledged.verify(sites.partnerApi(), Set.of(older), Duration.ofSeconds(60));
				int revocationsLost = verdict.revocationsLost() + (ring.revoked().contains(older) ? 0 : 1);
				return new DrillReport("partition").load(log, healedAt, verdict)
					.put("revocationsLost", revocationsLost)
					.put("kidsWithTwoMaterials", ring.kidsWithTwoMaterials())
					.put("signersAfterHeal", Set.copyOf(ring.signers()))
					.put("rotatedDuringCut", List.of(rotatedAtA, rotatedAtB))
					.put("healToOneSignerSeconds", ring.seconds())
					.put("servedDuringCut", served)
					.put("load", java.util.Map.of("virtualUsers", VIRTUAL_USERS, "seconds",
							Math.round((System.nanoTime() - startedAt) / 1e9)));
			}
		}

	}

}
