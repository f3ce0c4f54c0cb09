package dev.failsafe.idp.testing.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.RequiredComponent;
import dev.failsafe.idp.testing.Wait;
import dev.failsafe.idp.testing.network.Site;

/**
 * The directory's PostgreSQL under Patroni (Debian's {@value #DEBIAN_PACKAGE} 3.0 and
 * {@link PostgresCluster}'s binaries), one member per place, etcd as Patroni's store: the
 * configuration of docs/availability.md. Commits wait for any one other member (quorum commit,
 * {@code ANY 1} of every member), Patroni promotes the most advanced member when the leader key
 * expires ({@code ttl} 5 s, {@code loop_wait} 1 s, {@code retry_timeout} 2 s) and never one behind the
 * cluster's timeline ({@code check_timeline}), an old primary rejoins through {@code pg_rewind}. Each
 * member runs inside its site's namespace as the {@code postgres} OS user, listening on the site's
 * address; its configuration, data and log stay in the run's
 * directory. The provider's role {@value #USERNAME} owns the database {@value #DATABASE}.
 *
 * <p>Its parts: {@link PatroniConfiguration} writes each member's {@code patroni.yml},
 * {@link PatroniProcesses} runs and kills the members, {@link PatroniView} asks their REST APIs.
 */
public final class PatroniCluster implements AutoCloseable {

	/** The Debian package that provides {@code patroni}. */
	public static final String DEBIAN_PACKAGE = "patroni";

	public static final int PORT = 5432;

	/** Patroni's REST API port (the members ask each other for their WAL positions there). */
	public static final int REST_PORT = 8008;

	public static final String DATABASE = "idp";

	public static final String USERNAME = "idp";

	/** The Patroni cluster's name. */
	public static final String SCOPE = "failsafe-idp";

	private final Map<String, Site> members;

	private final PatroniConfiguration configuration;

	private final PatroniProcesses processes;

	private final PatroniView view;

	private final String password = PostgresCluster.newPassword();

	private PatroniCluster(Path dir, Map<String, Site> members, List<String> etcdHosts, String cidr, Path binaries) {
		this.members = new LinkedHashMap<>(members);
		this.configuration = new PatroniConfiguration(List.copyOf(members.keySet()), etcdHosts, cidr, binaries);
		this.processes = new PatroniProcesses(dir, this.configuration);
		this.view = new PatroniView(members);
	}

	/**
	 * Starts every member (name to site; the first bootstraps the cluster and is the first primary),
	 * creates the provider's role and database, and waits until every other member streams from it.
	 * etcd must be up at {@code etcdHosts} ({@code host:port}). Members accept connections from
	 * {@code cidr}.
	 */
	public static PatroniCluster start(Path runDir, Map<String, Site> members, List<String> etcdHosts, String cidr)
			throws IOException, InterruptedException {
		RequiredComponent.executable("PATRONI", "/usr/bin/patroni", DEBIAN_PACKAGE);
		Path dir = Files.createDirectories(runDir.resolve("patroni"));
		PostgresCluster.handToServerUser(dir);
		PatroniCluster cluster = new PatroniCluster(dir, members, etcdHosts, cidr, PostgresCluster.binaries());
		try {
			String first = members.keySet().iterator().next();
			cluster.start(first);
			Wait.until("Patroni member " + first + " leading", Duration.ofSeconds(90), Duration.ofMillis(250),
					() -> first.equals(cluster.leader()), () -> cluster.log(first));
			for (String name : members.keySet()) {
				if (!name.equals(first)) {
					cluster.start(name);
				}
			}
			cluster.awaitStreaming(members.keySet().stream().filter(name -> !name.equals(first)).toList(),
					Duration.ofSeconds(120));
			// Only now: every commit waits for another member to hold it.
			PostgresCluster.execute(cluster.jdbcUrl(members.get(first), "postgres"), cluster.configuration.superPassword(),
					"CREATE ROLE " + USERNAME + " LOGIN PASSWORD '" + cluster.password + "'",
					"CREATE DATABASE " + DATABASE + " OWNER " + USERNAME);
			return cluster;
		}
		catch (SQLException ex) {
			cluster.close();
			throw new IOException("could not prepare the directory", ex);
		}
		catch (IOException | RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	/** Starts member {@code name} (again, after a kill: it rejoins as a standby, rewound if need be). */
	public void start(String name) throws IOException {
		this.processes.start(name, this.members.get(name));
	}

	/**
	 * SIGKILL of member {@code name}'s Patroni and its PostgreSQL, as a crash would. Patroni detaches
	 * the postmaster (its parent is init, not Patroni), so the postmaster is found by its
	 * {@code postmaster.pid}.
	 */
	public void kill(String name) {
		this.processes.kill(name);
	}

	/** The password of {@value #USERNAME}, the provider's role. */
	public String password() {
		return this.password;
	}

	/**
	 * The provider's JDBC URL: every member, {@code first}'s own first, with {@code targetServerType}
	 * ({@code preferPrimary} for the application, {@code primary} for migrations) and the timeouts of
	 * docs/availability.md.
	 */
	public String jdbcUrl(String first, String targetServerType) {
		List<String> hosts = new ArrayList<>();
		hosts.add(this.members.get(first).address() + ":" + PORT);
		this.members.forEach((name, site) -> {
			if (!name.equals(first)) {
				hosts.add(site.address() + ":" + PORT);
			}
		});
		return "jdbc:postgresql://" + String.join(",", hosts) + "/" + DATABASE + "?targetServerType=" + targetServerType
				+ "&hostRecheckSeconds=2&connectTimeout=2&socketTimeout=3";
	}

	/** Member {@code name}'s own PostgreSQL, whatever its role. */
	public String jdbcUrl(String name) {
		return jdbcUrl(this.members.get(name), DATABASE);
	}

	/**
	 * The members as the first Patroni that answers sees them (its {@code GET /cluster}): name to
	 * role ({@code leader}, {@code replica}) and state ({@code running}, {@code streaming}, ...);
	 * empty when none answers.
	 */
	public Map<String, Member> members() {
		return this.view.members();
	}

	/**
	 * The member holding the leader key as most members that answer see it (a member cut off from
	 * etcd may still name itself), or null.
	 */
	public String leader() {
		return this.view.leader();
	}

	/** The members whose own PostgreSQL is a primary right now (asked directly, over their REST API). */
	public List<String> primaries() {
		return this.view.primaries();
	}

	/** Waits until each of {@code names} streams from the leader: see {@link #streaming(String)}. */
	public void awaitStreaming(List<String> names, Duration timeout) {
		Wait.until("Patroni members " + names + " streaming", timeout, Duration.ofMillis(250),
				() -> names.stream().allMatch(this::streaming),
				() -> members() + "\n" + String.join("\n", names.stream().map(this::log).toList()));
	}

	/**
	 * Whether member {@code name} streams from the leader right now: the leader's own PostgreSQL lists
	 * it as a {@code streaming} standby ({@code pg_stat_replication}), it is on the leader's timeline,
	 * and it is not behind. Patroni's view alone is not enough: a member that has not rejoined yet (an
	 * old primary not rewound yet, its WAL past the promotion point) shows as a {@code running} replica
	 * with lag 0, since Patroni reports no lag for a member whose position is past the leader's.
	 */
	public boolean streaming(String name) {
		return this.view.streaming(name);
	}

	/**
	 * A planned switchover to {@code candidate} once it streams from the leader, so nothing acknowledged
	 * is lost: the leader's shutdown waits for its connected standbys to flush everything. Patroni 3.0
	 * does not wait itself: it promotes a named candidate up to {@code maximum_lag_on_failover} behind,
	 * even one that has not rejoined since a fault (docs/availability.md).
	 */
	public void switchover(String candidate, Duration timeout) throws IOException, InterruptedException {
		if (candidate.equals(leader())) {
			return;
		}
		awaitStreaming(List.of(candidate), timeout);
		this.view.requestSwitchover(leader(), candidate);
		Wait.until("Patroni member " + candidate + " leading", timeout, Duration.ofMillis(250),
				() -> candidate.equals(leader()) && primaries().equals(List.of(candidate)), this::toString);
	}

	/** The end of member {@code name}'s Patroni log (PostgreSQL's is in it). */
	public String log(String name) {
		return this.processes.log(name);
	}

	@Override
	public String toString() {
		return "Patroni " + members();
	}

	/** Kills every member still running. */
	@Override
	public void close() {
		this.processes.close();
	}

	/**
	 * @param role {@code leader} or {@code replica}
	 * @param state {@code running}, {@code streaming}, {@code stopped}...
	 * @param lag bytes behind the leader, -1 when unknown
	 * @param timeline the timeline it is on, -1 when unknown
	 */
	public record Member(String role, String state, long lag, long timeline) {

		boolean streaming() {
			return "replica".equals(this.role) && ("streaming".equals(this.state) || "running".equals(this.state))
					&& this.lag == 0;
		}

	}

	private String jdbcUrl(Site site, String database) {
		return "jdbc:postgresql://" + site.address() + ":" + PORT + "/" + database;
	}

}
