package dev.failsafe.idp.testing.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.failsafe.idp.testing.Wait;
import dev.failsafe.idp.testing.etcd.EtcdMember;
import dev.failsafe.idp.testing.network.Site;
import dev.failsafe.idp.testing.network.SiteNetwork;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory's Patroni cluster through repeated losses of its leader under writes: each round
 * SIGKILLs the leader (or, every other round, cuts its site off from the two others) while a writer
 * commits, waits for another member to lead, restarts the killed one (or heals the cut) and at once
 * moves the leader back to it (the drills' fail-back and their move of the primaries back to site A),
 * then checks that every member streams again and that every acknowledged row is on the leader and on
 * each standby.
 */
class PatroniClusterIT {

	private static final List<String> NAMES = List.of("a", "b", "w");

	private static final int ROUNDS = 3;

	private static final Duration FAILOVER = Duration.ofSeconds(60);

	private static final Duration REJOIN = Duration.ofSeconds(120);

	private SiteNetwork network;

	private final List<EtcdMember> etcd = new ArrayList<>();

	private PatroniCluster cluster;

	@AfterEach
	void stop() throws Exception {
		if (this.cluster != null) {
			this.cluster.close();
		}
		this.etcd.forEach(EtcdMember::close);
		if (this.network != null) {
			this.network.close();
		}
	}

	@Test
	void leaderKilledOrCutOffUnderWritesThenBackAndSwitchedBackToThenStreamsAndKeepsEveryAcknowledgedRow()
			throws Exception {
		start();
		try (Connection connection = DriverManager.getConnection(this.cluster.jdbcUrl("a", "primary"),
				PatroniCluster.USERNAME, this.cluster.password()); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE acknowledged (id bigint PRIMARY KEY)");
		}
		try (Writer writer = new Writer(this.cluster.jdbcUrl("a", "primary"), this.cluster.password())) {
			for (int round = 1; round <= ROUNDS; round++) {
				String leader = this.cluster.leader();
				boolean isolate = round % 2 == 0;
				writer.awaitMore(20, FAILOVER);
				if (isolate) {
					cutOff(leader, true);
				}
				else {
					this.cluster.kill(leader);
				}
				Wait.until("another member leading (round " + round + ")", FAILOVER, Duration.ofMillis(250), () -> {
					String now = this.cluster.leader();
					return now != null && !now.equals(leader) && this.cluster.primaries().equals(List.of(now));
				}, this.cluster::toString);
				writer.awaitMore(20, FAILOVER);

				if (isolate) {
					cutOff(leader, false);
				}
				else {
					this.cluster.start(leader);
				}
				this.cluster.switchover(leader, REJOIN);
				this.cluster.awaitStreaming(NAMES.stream().filter(name -> !name.equals(leader)).toList(), REJOIN);
				writer.awaitMore(20, FAILOVER);

				Set<Long> acknowledged = writer.acknowledged();
				for (String name : NAMES) {
					Set<Long> missing = new HashSet<>(acknowledged);
					missing.removeAll(ids(name));
					assertThat(missing).as("round %d: acknowledged rows missing on %s (of %d)", round, name,
							acknowledged.size()).isEmpty();
				}
			}
		}
	}

	/** Cuts (or heals) the links between {@code name}'s site and the two others; the test still reaches it. */
	private void cutOff(String name, boolean cut) throws Exception {
		int place = NAMES.indexOf(name);
		for (int other = 0; other < NAMES.size(); other++) {
			if (other != place && cut) {
				this.network.cut(place, other);
			}
			else if (other != place) {
				this.network.heal(place, other);
			}
		}
	}

	private void start() throws Exception {
		this.network = SiteNetwork.create(NAMES.size());
		Map<String, Site> members = new LinkedHashMap<>();
		for (int i = 0; i < NAMES.size(); i++) {
			members.put(NAMES.get(i), this.network.site(i, NAMES.get(i)));
		}
		Path runDir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()),
				"patroni-it-");
		List<String> hosts = new ArrayList<>();
		for (String name : NAMES) {
			EtcdMember member = EtcdMember.start(name, members, runDir.resolve("etcd-" + name));
			this.etcd.add(member);
			hosts.add(member.host());
		}
		for (EtcdMember member : this.etcd) {
			Wait.until("etcd member " + member.name() + " healthy", Duration.ofSeconds(60), Duration.ofMillis(250),
					member::healthy, member::log);
		}
		this.cluster = PatroniCluster.start(runDir, members, hosts, this.network.cidr());
	}

	/** The rows member {@code name} holds (a standby answers too: it is read-only, not refused). */
	private Set<Long> ids(String name) throws SQLException {
		Set<Long> ids = new HashSet<>();
		try (Connection connection = DriverManager.getConnection(this.cluster.jdbcUrl(name), PatroniCluster.USERNAME,
				this.cluster.password());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT id FROM acknowledged")) {
			while (rows.next()) {
				ids.add(rows.getLong(1));
			}
		}
		return ids;
	}

	/**
	 * Commits one row after another on whichever member is primary; a row counts as acknowledged only
	 * once its commit returned. A failed or unanswered commit is not counted (it may or may not be there).
	 */
	private static final class Writer implements AutoCloseable {

		private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();

		private final AtomicBoolean running = new AtomicBoolean(true);

		private volatile Exception lastError;

		private final Thread thread;

		Writer(String url, String password) {
			this.thread = Thread.ofPlatform().name("patroni-writer").start(() -> write(url, password));
		}

		Set<Long> acknowledged() {
			return Set.copyOf(this.acknowledged);
		}

		/** Waits until {@code more} further rows are acknowledged (writes go on wherever the primary is). */
		void awaitMore(int more, Duration timeout) {
			int target = this.acknowledged.size() + more;
			Wait.until(more + " more acknowledged writes", timeout, Duration.ofMillis(100),
					() -> this.acknowledged.size() >= target, () -> this.acknowledged.size() + " acknowledged, last error: " + this.lastError);
		}

		private void write(String url, String password) {
			long next = 0;
			while (this.running.get()) {
				try (Connection connection = DriverManager.getConnection(url, PatroniCluster.USERNAME, password);
						Statement statement = connection.createStatement()) {
					while (this.running.get()) {
						long id = ++next;
						statement.executeUpdate("INSERT INTO acknowledged VALUES (" + id + ")");
						this.acknowledged.add(id);
					}
				}
				catch (SQLException | RuntimeException ex) {
					this.lastError = ex;
					// The primary is gone or going: reconnect (the driver waits up to its connectTimeout).
					Wait.pause(Duration.ofMillis(100));
				}
			}
		}

		@Override
		public void close() throws InterruptedException {
			this.running.set(false);
			this.thread.join(Duration.ofSeconds(10));
		}

	}

}
