package dev.failsafe.idp.testing.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.failsafe.idp.testing.Command;
import dev.failsafe.idp.testing.LoggedProcess;
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

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final Path dir;

	private final Map<String, Site> members;

	private final List<String> etcdHosts;

	private final String cidr;

	private final Path binaries;

	private final String superPassword = PostgresCluster.newPassword();

	private final String replicationPassword = PostgresCluster.newPassword();

	private final String rewindPassword = PostgresCluster.newPassword();

	private final String password = PostgresCluster.newPassword();

	private final Map<String, LoggedProcess> running = new ConcurrentHashMap<>();

	private PatroniCluster(Path dir, Map<String, Site> members, List<String> etcdHosts, String cidr, Path binaries) {
		this.dir = dir;
		this.members = new LinkedHashMap<>(members);
		this.etcdHosts = List.copyOf(etcdHosts);
		this.cidr = cidr;
		this.binaries = binaries;
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
			PostgresCluster.execute(cluster.jdbcUrl(members.get(first), "postgres"), cluster.superPassword,
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
		Site site = this.members.get(name);
		Path member = Files.createDirectories(this.dir.resolve(name));
		Path config = member.resolve("patroni.yml");
		Files.writeString(config, configuration(name, site, member));
		PostgresCluster.handToServerUser(member);
		List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + PostgresCluster.OS_USER,
				"--regid=" + PostgresCluster.OS_USER, "--init-groups", "/usr/bin/patroni", config.toString()));
		if (!Command.runningAsRoot()) {
			command = new ArrayList<>(List.of("/usr/bin/patroni", config.toString()));
		}
		this.running.put(name, LoggedProcess.start("patroni-" + name, site.command(command),
				Map.of("HOME", member.toString()), member.resolve("patroni.log")));
	}

	/**
	 * SIGKILL of member {@code name}'s Patroni and its PostgreSQL, as a crash would. Patroni detaches
	 * the postmaster (its parent is init, not Patroni), so the postmaster is found by its
	 * {@code postmaster.pid}.
	 */
	public void kill(String name) {
		LoggedProcess process = this.running.remove(name);
		if (process != null) {
			List<ProcessHandle> tree = new ArrayList<>(process.process().descendants().toList());
			tree.forEach(ProcessHandle::destroyForcibly);
			process.kill();
			postmaster(name).ifPresent(postmaster -> {
				tree.add(postmaster);
				tree.addAll(postmaster.descendants().toList());
			});
			tree.forEach(ProcessHandle::destroyForcibly);
			tree.forEach(child -> child.onExit().join());
		}
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
		for (Site site : this.members.values()) {
			JsonNode cluster = get(site, "/cluster");
			if (cluster != null) {
				Map<String, Member> view = new LinkedHashMap<>();
				for (JsonNode member : cluster.path("members")) {
					view.put(member.path("name").asString(), new Member(member.path("role").asString(),
							member.path("state").asString(), member.path("lag").asLong(-1),
							member.path("timeline").asLong(-1)));
				}
				return view;
			}
		}
		return Map.of();
	}

	/**
	 * The member holding the leader key as most members that answer see it (a member cut off from
	 * etcd may still name itself), or null.
	 */
	public String leader() {
		Map<String, Integer> named = new LinkedHashMap<>();
		for (Site site : this.members.values()) {
			JsonNode cluster = get(site, "/cluster");
			if (cluster != null) {
				for (JsonNode member : cluster.path("members")) {
					if ("leader".equals(member.path("role").asString())) {
						named.merge(member.path("name").asString(), 1, Integer::sum);
					}
				}
			}
		}
		return named.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
	}

	/** The members whose own PostgreSQL is a primary right now (asked directly, over their REST API). */
	public List<String> primaries() {
		List<String> primaries = new ArrayList<>();
		this.members.forEach((name, site) -> {
			JsonNode self = get(site, "/patroni");
			if (self != null && ("master".equals(self.path("role").asString())
					|| "primary".equals(self.path("role").asString()))) {
				primaries.add(name);
			}
		});
		return primaries;
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
		String leader = leader();
		if (leader == null || leader.equals(name)) {
			return false;
		}
		Map<String, Member> view = members();
		Member member = view.get(name);
		Member primary = view.get(leader);
		JsonNode status = get(this.members.get(leader), "/patroni");
		if (member == null || primary == null || status == null || !member.streaming()
				|| member.timeline() < 1 || member.timeline() != primary.timeline()) {
			return false;
		}
		for (JsonNode standby : status.path("replication")) {
			if (name.equals(standby.path("application_name").asString())
					&& "streaming".equals(standby.path("state").asString())) {
				return true;
			}
		}
		return false;
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
		String leader = leader();
		HttpResponse<String> answer = HTTP.send(
				HttpRequest.newBuilder(URI.create("http://" + this.members.get(candidate).address() + ":" + REST_PORT + "/switchover"))
					.timeout(Duration.ofSeconds(30))
					.POST(HttpRequest.BodyPublishers.ofString(
							"{\"leader\":\"" + leader + "\",\"candidate\":\"" + candidate + "\"}"))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 200) {
			throw new IOException("switchover to " + candidate + " refused: " + answer.statusCode() + " " + answer.body());
		}
		Wait.until("Patroni member " + candidate + " leading", timeout, Duration.ofMillis(250),
				() -> candidate.equals(leader()) && primaries().equals(List.of(candidate)), this::toString);
	}

	/** The end of member {@code name}'s Patroni log (PostgreSQL's is in it). */
	public String log(String name) {
		LoggedProcess process = this.running.get(name);
		return (process != null) ? process.logTail(30) : name + ": not running";
	}

	@Override
	public String toString() {
		return "Patroni " + members();
	}

	/** Kills every member still running. */
	@Override
	public void close() {
		List.copyOf(this.running.keySet()).forEach(this::kill);
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

	/** Member {@code name}'s running postmaster, by the first line of its {@code postmaster.pid}. */
	private Optional<ProcessHandle> postmaster(String name) {
		Path pidFile = this.dir.resolve(name).resolve("data").resolve("postmaster.pid");
		try {
			String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
			return first.matches("\\d+") ? ProcessHandle.of(Long.parseLong(first))
				.filter(handle -> handle.info().command().map(command -> command.endsWith("/postgres")).orElse(false))
					: Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private String jdbcUrl(Site site, String database) {
		return "jdbc:postgresql://" + site.address() + ":" + PORT + "/" + database;
	}

	private static JsonNode get(Site site, String path) {
		try {
			HttpResponse<String> answer = HTTP.send(
					HttpRequest.newBuilder(URI.create("http://" + site.address() + ":" + REST_PORT + path))
						.timeout(Duration.ofSeconds(2))
						.build(),
					HttpResponse.BodyHandlers.ofString());
			return (answer.statusCode() == 200 || answer.statusCode() == 503) ? JSON.readTree(answer.body()) : null;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private String configuration(String name, Site site, Path member) {
		String names = String.join(", ", this.members.keySet().stream().map(n -> "\"" + n + "\"").toList());
		return """
				scope: %s
				name: %s
				log:
				  level: WARNING
				restapi:
				  listen: %s:%d
				  connect_address: %s:%d
				etcd3:
				  hosts: %s
				bootstrap:
				  dcs:
				    ttl: 5
				    loop_wait: 1
				    retry_timeout: 2
				    maximum_lag_on_failover: 1048576
				    check_timeline: true
				    synchronous_mode: false
				    postgresql:
				      use_pg_rewind: true
				      use_slots: true
				      parameters:
				        synchronous_commit: "on"
				        synchronous_standby_names: 'ANY 1 (%s)'
				        wal_log_hints: "on"
				        wal_sender_timeout: 5s
				        wal_receiver_timeout: 5s
				        wal_retrieve_retry_interval: 500ms
				        fsync: "off"
				  initdb:
				    - encoding: UTF8
				    - no-locale
				postgresql:
				  listen: %s:%d
				  connect_address: %s:%d
				  data_dir: %s
				  bin_dir: %s
				  pgpass: %s
				  authentication:
				    superuser: {username: postgres, password: "%s"}
				    replication: {username: replicator, password: "%s"}
				    rewind: {username: rewinder, password: "%s"}
				  parameters:
				    unix_socket_directories: '%s'
				  pg_hba:
				    - local all all scram-sha-256
				    - host replication replicator %s scram-sha-256
				    - host all all %s scram-sha-256
				tags:
				  nofailover: false
				  nosync: false
				""".formatted(SCOPE, name, site.address(), REST_PORT, site.address(), REST_PORT,
				String.join(",", this.etcdHosts), names, site.address(), PORT, site.address(), PORT,
				member.resolve("data"), this.binaries, member.resolve("pgpass"), this.superPassword,
				this.replicationPassword, this.rewindPassword, member, this.cidr, this.cidr);
	}

}
