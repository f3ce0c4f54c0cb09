package dev.failsafe.idp.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.LoggedProcess;
import dev.failsafe.idp.testing.Ports;
import dev.failsafe.idp.testing.RequiredComponent;
import dev.failsafe.idp.testing.TestKek;
import dev.failsafe.idp.testing.Wait;
import dev.failsafe.idp.testing.etcd.EtcdMember;
import dev.failsafe.idp.testing.network.Site;
import dev.failsafe.idp.testing.network.SiteNetwork;
import dev.failsafe.idp.testing.postgres.PatroniCluster;
import dev.failsafe.idp.testing.provider.Provider;
import dev.failsafe.idp.testing.provider.ProviderProcess;
import dev.failsafe.idp.testing.signin.BackChannel;

/**
 * The three places of docs/availability.md on one machine, every piece a real process from the built
 * jars and Debian's binaries, each place a network namespace on one bridge ({@link SiteNetwork}):
 *
 * <ul>
 * <li>site A ({@value #A}) and site B ({@value #B}): a provider (a Hazelcast member of its site), a
 * Redis node and a sentinel ({@link RedisPlaces}), an etcd member and a PostgreSQL member under
 * Patroni ({@link PatroniCluster});</li>
 * <li>the witness ({@value #WITNESS}): a Redis node, a sentinel, an etcd member, a PostgreSQL member;
 * no provider;</li>
 * <li>outside all three, on the host: HAProxy (the global load balancer, checking each site's
 * readiness), partner-api, the drill itself.</li>
 * </ul>
 *
 * <p>{@link #kill} is SIGKILL of every process of a place, {@link #cut} one link down (both places
 * still reach the others and the host), {@link #failBack} the runbook's fail-back of a killed place.
 */
final class Places implements AutoCloseable {

	static final int A = 0;

	static final int B = 1;

	static final int WITNESS = 2;

	static final List<String> NAMES = List.of("a", "b", "w");

	static final int PROVIDER_PORT = 9000;

	static final int MEMBER_PORT = 5701;

	private static final Duration START = Duration.ofSeconds(240);

	/** A heap and a compiler fit for a machine running a whole drill (after the provider's own flags). */
	private static final List<String> JVM_FLAGS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1");

	private final Path runDir;

	private final SiteNetwork network;

	private final List<Site> places = new ArrayList<>();

	private final ProviderProcess[] providers = new ProviderProcess[2];

	private final EtcdMember[] etcd = new EtcdMember[3];

	private final List<LoggedProcess> host = new ArrayList<>();

	private ProviderProcess partner;

	private final int balancerPort = Ports.free();

	private final int partnerPort = Ports.free();

	private final String kek = TestKek.random();

	private Path providerJar;

	private RedisPlaces redis;

	private PatroniCluster directory;

	private Places(Path runDir, SiteNetwork network) {
		this.runDir = runDir;
		this.network = network;
		for (int i = 0; i < NAMES.size(); i++) {
			this.places.add(network.site(i, NAMES.get(i)));
		}
	}

	/** Starts everything and waits until both sites are ready behind the load balancer. */
	static Places start(Path runDir) throws Exception {
		Path providerJar = builtJar("auth-server/target/auth-server.jar");
		Path partnerJar = builtJar("client-samples/partner-api/target/partner-api.jar");
		Path haproxy = RequiredComponent.executable("HAPROXY", "/usr/sbin/haproxy", "haproxy");
		Places deployment = new Places(runDir, SiteNetwork.create(NAMES.size()));
		deployment.providerJar = providerJar;
		try {
			Drill.say("starting etcd, Redis and Patroni in three places");
			deployment.startStores();
			Drill.say("starting the providers");
			deployment.startProvider(A);
			deployment.startProvider(B);
			Drill.say("starting HAProxy and partner-api");
			deployment.startBalancer(haproxy);
			deployment.startPartner(partnerJar);
		}
		catch (Exception | Error ex) {
			deployment.close();
			throw ex;
		}
		return deployment;
	}

	Site place(int index) {
		return this.places.get(index);
	}

	/** The issuer: HAProxy in front of both sites. */
	String issuer() {
		return "http://127.0.0.1:" + this.balancerPort;
	}

	/** partner-api, a partner outside the places verifying the provider's tokens. */
	String partnerApi() {
		return "http://127.0.0.1:" + this.partnerPort;
	}

	/** A site's provider, bypassing the load balancer. */
	String direct(int site) {
		return "http://" + place(site).address() + ":" + PROVIDER_PORT;
	}

	RedisPlaces redis() {
		return this.redis;
	}

	PatroniCluster directory() {
		return this.directory;
	}

	/** SIGKILL of every process of the place; answers how many there were. */
	int kill(int place) throws IOException, InterruptedException {
		return this.network.killEverything(place);
	}

	/** The link between two places down; each still reaches the third and the host. */
	void cut(int one, int other) throws IOException, InterruptedException {
		this.network.cut(one, other);
	}

	void heal(int one, int other) throws IOException, InterruptedException {
		this.network.heal(one, other);
	}

	/**
	 * The runbook's fail-back of a killed place: etcd on its data, Redis as a replica of the current
	 * primary and its sentinel, Patroni (a standby of the current leader, rewound if need be), then the
	 * provider on its data directory (its ring file).
	 */
	void failBack(int place) throws Exception {
		Drill.say("fail-back of " + NAMES.get(place));
		this.etcd[place] = this.etcd[place].restart();
		Wait.until("etcd member " + NAMES.get(place) + " healthy", Duration.ofSeconds(60), Duration.ofMillis(250),
				this.etcd[place]::healthy, this.etcd[place]::log);
		this.redis.restart(place);
		this.directory.start(NAMES.get(place));
		if (place != WITNESS) {
			startProvider(place);
		}
	}

	/** Whether the site's provider says it is ready (a direct readiness probe; unreachable: false). */
	boolean ready(int site) {
		try {
			return new BackChannel(Provider.at(direct(site))).status("/actuator/health/readiness") == 200;
		}
		catch (UncheckedIOException ex) {
			return false;
		}
	}

	/**
	 * Waits for the state every scenario starts from: one Redis primary with both other nodes in sync,
	 * one PostgreSQL primary with both other members streaming, both providers ready, and the load
	 * balancer seeing both (two checks of 500 ms).
	 */
	void awaitSteady(Duration timeout) {
		this.redis.awaitAllInSync(timeout);
		String leader = this.directory.leader();
		this.directory.awaitStreaming(NAMES.stream().filter(name -> !name.equals(leader)).toList(), timeout);
		Wait.until("both sites ready", timeout, Duration.ofMillis(250), () -> ready(A) && ready(B), this::logs);
		Wait.pause(Duration.ofMillis(1500));
	}

	/**
	 * Moves both primaries back to site A between scenarios (nothing writing): Redis by a Sentinel
	 * failover to A's node, the directory by a Patroni switchover, both lossless when idle.
	 */
	void primariesToA(Duration timeout) throws IOException, InterruptedException {
		Drill.say("moving both primaries back to a");
		this.redis.moveTo(A, timeout);
		this.directory.switchover(NAMES.get(A), timeout);
	}

	/** Every process's last lines, for a failure message. */
	String logs() {
		StringBuilder all = new StringBuilder();
		for (ProviderProcess provider : this.providers) {
			if (provider != null) {
				all.append(provider.logTail()).append("\n\n");
			}
		}
		this.host.forEach(process -> all.append(process.logTail(25)).append("\n\n"));
		if (this.partner != null) {
			all.append(this.partner.logTail()).append("\n\n");
		}
		if (this.redis != null) {
			all.append(this.redis.logs());
		}
		if (this.directory != null) {
			NAMES.forEach(name -> all.append(this.directory.log(name)).append("\n\n"));
		}
		for (EtcdMember member : this.etcd) {
			if (member != null) {
				all.append(member.log()).append("\n\n");
			}
		}
		return all.toString();
	}

	@Override
	public void close() throws Exception {
		for (ProviderProcess provider : this.providers) {
			if (provider != null) {
				provider.kill();
			}
		}
		this.host.forEach(LoggedProcess::kill);
		if (this.partner != null) {
			this.partner.kill();
		}
		if (this.redis != null) {
			this.redis.close();
		}
		if (this.directory != null) {
			this.directory.close();
		}
		for (EtcdMember member : this.etcd) {
			if (member != null) {
				member.close();
			}
		}
		for (int i = 0; i < NAMES.size(); i++) {
			this.network.killEverything(i);
		}
		this.network.close();
	}

	private void startStores() throws Exception {
		Map<String, Site> members = new LinkedHashMap<>();
		for (int i = 0; i < NAMES.size(); i++) {
			members.put(NAMES.get(i), place(i));
		}
		List<String> etcdHosts = new ArrayList<>();
		for (int i = 0; i < NAMES.size(); i++) {
			this.etcd[i] = EtcdMember.start(NAMES.get(i), members, this.runDir.resolve("etcd-" + NAMES.get(i)));
			etcdHosts.add(this.etcd[i].host());
		}
		for (EtcdMember member : this.etcd) {
			Wait.until("etcd member " + member.name() + " healthy", Duration.ofSeconds(60), Duration.ofMillis(250),
					member::healthy, member::log);
		}
		this.redis = RedisPlaces.start(this.runDir, this.places);
		this.directory = PatroniCluster.start(this.runDir, members, etcdHosts, this.network.cidr());
	}

	private void startProvider(int site) throws IOException {
		Site place = place(site);
		String name = NAMES.get(site);
		Path dataDir = Files.createDirectories(this.runDir.resolve("provider-" + name));
		String members = place(A).address() + ":" + MEMBER_PORT + "," + place(B).address() + ":" + MEMBER_PORT;
		List<String> arguments = new ArrayList<>(List.of("--idp.data-dir=" + dataDir, "--idp.issuer=" + issuer(),
				"--idp.hazelcast.site=" + name, "--idp.hazelcast.cluster-name=drill",
				"--idp.hazelcast.bind-address=" + place.address(), "--idp.hazelcast.port=" + MEMBER_PORT,
				"--idp.hazelcast.members=" + members, "--idp.hazelcast.failure-detection-timeout=6s",
				"--idp.hazelcast.merge-check-interval=5s", "--idp.keyring.repair-interval=2s",
				"--spring.data.redis.sentinel.master=" + RedisPlaces.MASTER,
				"--spring.data.redis.sentinel.nodes=" + this.redis.sentinelNodes(site), "--spring.data.redis.timeout=2s",
				"--idp.redis.replicas-to-ack=1", "--idp.redis.ack-timeout=1s",
				"--spring.datasource.url=" + this.directory.jdbcUrl(name, "preferPrimary"),
				"--spring.flyway.url=" + this.directory.jdbcUrl(name, "primary"),
				"--spring.datasource.username=" + PatroniCluster.USERNAME,
				"--spring.datasource.password=" + this.directory.password(),
				"--spring.flyway.user=" + PatroniCluster.USERNAME, "--spring.flyway.password=" + this.directory.password(),
				"--logging.level.root=WARN"));
		// Site A seeds the demo tenant (the drill's clients and users); site B finds it there.
		arguments.add((site == A) ? "--idp.demo.seed-external-database=true" : "--idp.demo.enabled=false");
		ProviderProcess provider = ProviderProcess
			.bootJar("provider-" + name, this.providerJar, PROVIDER_PORT, dataDir, arguments, Map.of("IDP_KEK", this.kek))
			.placedAt(place.launcher(), place.address())
			.withJvmFlags(JVM_FLAGS)
			.withLog(this.runDir.resolve("provider-" + name + ".log"));
		this.providers[site] = provider;
		provider.start().awaitReady(START);
	}

	private void startPartner(Path jar) throws IOException {
		Path dir = Files.createDirectories(this.runDir.resolve("partner-api"));
		ProviderProcess partner = ProviderProcess
			.bootJar("partner-api", jar, this.partnerPort, dir,
					List.of("--partner-api.tokens.issuer=" + issuer(),
							"--partner-api.tokens.jwks-uri=" + issuer() + "/oauth2/jwks",
							"--partner-api.tokens.last-good-file=" + dir.resolve("jwks-last-good.json"),
							"--logging.level.root=WARN"),
					Map.of())
			.withJvmFlags(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"))
			.withLog(this.runDir.resolve("partner-api.log"));
		this.partner = partner;
		partner.start().awaitReady(START);
	}

	private void startBalancer(Path haproxy) throws IOException {
		Path config = this.runDir.resolve("haproxy.cfg");
		Files.writeString(config, """
				global
				  maxconn 1024
				defaults
				  mode http
				  timeout connect 1s
				  timeout client 15s
				  timeout server 15s
				  timeout check 1s
				  retries 1
				  option redispatch
				frontend issuer
				  bind 127.0.0.1:%d
				  default_backend sites
				backend sites
				  balance roundrobin
				  option httpchk GET /actuator/health/readiness
				  http-check expect status 200
				  default-server inter 500ms fall 2 rise 1
				  server a %s:%d check
				  server b %s:%d check
				""".formatted(this.balancerPort, place(A).address(), PROVIDER_PORT, place(B).address(), PROVIDER_PORT));
		LoggedProcess balancer = LoggedProcess.start("haproxy", List.of(haproxy.toString(), "-db", "-f",
				config.toString()), Map.of(), this.runDir.resolve("haproxy.log"));
		this.host.add(balancer);
		BackChannel probe = new BackChannel(Provider.at(issuer()));
		Wait.until("haproxy ready", START, Duration.ofMillis(250), () -> {
			if (!balancer.isAlive()) {
				throw new IllegalStateException("haproxy exited: " + balancer.logTail(25));
			}
			try {
				return probe.status("/actuator/health/readiness") == 200;
			}
			catch (UncheckedIOException notYet) {
				return false;
			}
		}, () -> balancer.logTail(25));
	}

	private static Path builtJar(String path) {
		Path jar = Path.of(System.getProperty("idp.e2e.root", ".."), path).toAbsolutePath().normalize();
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: build it first (./mvnw -pl e2e -am package)");
		}
		return jar;
	}

}
