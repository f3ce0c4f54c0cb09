package dev.failsafe.idp.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.LoggedProcess;
import dev.failsafe.idp.testing.Ports;
import dev.failsafe.idp.testing.RequiredComponent;
import dev.failsafe.idp.testing.TestKek;
import dev.failsafe.idp.testing.Wait;
import dev.failsafe.idp.testing.network.Site;
import dev.failsafe.idp.testing.network.SiteNetwork;
import dev.failsafe.idp.testing.postgres.PostgresPair;
import dev.failsafe.idp.testing.provider.Provider;
import dev.failsafe.idp.testing.provider.ProviderProcess;
import dev.failsafe.idp.testing.signin.BackChannel;

/**
 * Two sites on one machine, every piece a real process from the built jars and Debian's binaries:
 * per site a provider node (a Hazelcast member) in the site's network namespace, Redis in the
 * README's topology ({@link RedisSites}) and PostgreSQL (primary at A, streaming replica at B, which
 * B reads from: {@link PostgresPair}); on the host, the third place, the witness sentinel and HAProxy
 * in front of both sites checking their readiness. The issuer is the load balancer's address.
 *
 * <p>Sites are namespaces on one bridge ({@link SiteNetwork}): {@link #killSite} is SIGKILL of every
 * process of a site, {@link #cut} a real partition between the sites that the host still reaches.
 */
final class TwoSites implements AutoCloseable {

	static final int PROVIDER_PORT = 9000;

	static final int MEMBER_PORT = 5701;

	private static final Duration START = Duration.ofSeconds(240);

	/** A heap and a compiler fit for a machine running a whole drill (after the provider's own flags). */
	private static final List<String> JVM_FLAGS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1");

	private final Path runDir;

	private final SiteNetwork network;

	private final List<ProviderProcess> processes = new ArrayList<>();

	private final List<LoggedProcess> balancer = new ArrayList<>();

	private final List<Site> sites;

	private final Site host;

	private final int balancerPort;

	private final int partnerPort;

	private PostgresPair postgres;

	private RedisSites redis;

	private TwoSites(Path runDir, SiteNetwork network) {
		this.runDir = runDir;
		this.network = network;
		this.sites = List.of(network.site(0, "a"), network.site(1, "b"));
		this.host = network.host("witness");
		this.balancerPort = Ports.free();
		this.partnerPort = Ports.free();
	}

	/** Starts everything and waits until both sites are ready behind the load balancer. */
	static TwoSites start(Path runDir) throws Exception {
		Path providerJar = builtJar("auth-server/target/auth-server.jar");
		Path partnerJar = builtJar("client-samples/partner-api/target/partner-api.jar");
		Path haproxy = RequiredComponent.executable("HAPROXY", "/usr/sbin/haproxy", "haproxy");
		TwoSites deployment = new TwoSites(runDir, SiteNetwork.create(2));
		try {
			deployment.startAll(providerJar, haproxy);
			deployment.startPartner(partnerJar);
		}
		catch (Exception | Error ex) {
			deployment.close();
			throw ex;
		}
		return deployment;
	}

	Site site(int index) {
		return this.sites.get(index);
	}

	/** The issuer: HAProxy in front of both sites. */
	String issuer() {
		return "http://127.0.0.1:" + this.balancerPort;
	}

	/** partner-api, a partner outside both sites verifying the provider's tokens. */
	String partnerApi() {
		return "http://127.0.0.1:" + this.partnerPort;
	}

	/** A site's provider, bypassing the load balancer. */
	String direct(int index) {
		return "http://" + site(index).address() + ":" + PROVIDER_PORT;
	}

	RedisSites redis() {
		return this.redis;
	}

	/** SIGKILL of every process of the site: provider, Redis, sentinel, PostgreSQL. */
	int killSite(int index) throws IOException, InterruptedException {
		return this.network.killEverything(index);
	}

	/** The sites lose each other; the host (witness, load balancer, drill) still reaches both. */
	void cut() throws IOException, InterruptedException {
		this.network.cut();
	}

	void heal() throws IOException, InterruptedException {
		this.network.heal();
	}

	private void startAll(Path providerJar, Path haproxy) throws Exception {
		Site a = site(0);
		Site b = site(1);
		this.postgres = PostgresPair.start(this.runDir, a, b, this.network.cidr());
		this.redis = RedisSites.start(this.runDir, a, b, this.host);
		String kek = TestKek.random();
		startProvider(providerJar, a, kek, List.of("--spring.datasource.url=" + PostgresPair.jdbcUrl(a),
				"--idp.demo.seed-external-database=true"));
		this.postgres.awaitReplicaCaughtUp(a, b, Duration.ofSeconds(30));
		// Site B reads users and clients from its replica: it neither migrates nor seeds.
		startProvider(providerJar, b, kek, List.of("--spring.datasource.url=" + PostgresPair.jdbcUrl(b),
				"--spring.flyway.enabled=false", "--idp.demo.enabled=false"));
		startBalancer(haproxy);
	}

	private void startProvider(Path jar, Site site, String kek, List<String> siteSettings) throws IOException {
		Path dataDir = Files.createDirectories(this.runDir.resolve("provider-" + site.name()));
		String members = this.sites.stream().map(s -> s.address() + ":" + MEMBER_PORT).reduce((x, y) -> x + "," + y)
			.orElseThrow();
		List<String> arguments = new ArrayList<>(List.of("--idp.data-dir=" + dataDir, "--idp.issuer=" + issuer(),
				"--idp.hazelcast.site=" + site.name(), "--idp.hazelcast.cluster-name=drill",
				"--idp.hazelcast.bind-address=" + site.address(), "--idp.hazelcast.port=" + MEMBER_PORT,
				"--idp.hazelcast.members=" + members, "--idp.hazelcast.failure-detection-timeout=6s",
				"--idp.hazelcast.merge-check-interval=5s", "--idp.keyring.repair-interval=2s",
				"--spring.data.redis.sentinel.master=" + RedisSites.MASTER,
				"--spring.data.redis.sentinel.nodes=" + this.redis.sentinelNodes(), "--spring.data.redis.timeout=2s",
				"--idp.redis.replicas-to-ack=1", "--idp.redis.ack-timeout=1s",
				"--spring.datasource.username=" + PostgresPair.USERNAME,
				"--spring.datasource.password=" + this.postgres.password(), "--logging.level.root=WARN"));
		arguments.addAll(siteSettings);
		ProviderProcess provider = ProviderProcess
			.bootJar("provider-" + site.name(), jar, PROVIDER_PORT, dataDir, arguments, Map.of("IDP_KEK", kek))
			.placedAt(site.launcher(), site.address())
			.withJvmFlags(JVM_FLAGS)
			.withLog(this.runDir.resolve("provider-" + site.name() + ".log"));
		this.processes.add(provider);
		provider.start().awaitReady(START);
	}

	private void startPartner(Path jar) throws Exception {
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
		this.processes.add(partner);
		partner.start().awaitReady(START);
	}

	private static Path builtJar(String path) {
		Path jar = Path.of(System.getProperty("idp.e2e.root", ".."), path).toAbsolutePath().normalize();
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: build it first (./mvnw -pl e2e -am package)");
		}
		return jar;
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
				  retries 1
				  option redispatch
				frontend issuer
				  bind 127.0.0.1:%d
				  default_backend sites
				backend sites
				  balance roundrobin
				  option httpchk GET /actuator/health/readiness
				  http-check expect status 200
				  default-server inter 500ms fall 2 rise 2
				  server a %s:%d check
				  server b %s:%d check
				""".formatted(this.balancerPort, site(0).address(), PROVIDER_PORT, site(1).address(), PROVIDER_PORT));
		LoggedProcess balancer = LoggedProcess.start("haproxy", List.of(haproxy.toString(), "-db", "-f",
				config.toString()), Map.of(), this.runDir.resolve("haproxy.log"));
		this.balancer.add(balancer);
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

	/** Every process's last lines, for a failure message. */
	String logs() {
		StringBuilder all = new StringBuilder();
		for (ProviderProcess process : this.processes) {
			all.append(process.logTail()).append("\n\n");
		}
		for (LoggedProcess process : this.balancer) {
			all.append(process.logTail(25)).append("\n\n");
		}
		if (this.redis != null) {
			all.append(this.redis.logs());
		}
		return all.toString();
	}

	@Override
	public void close() throws Exception {
		for (ProviderProcess process : this.processes) {
			process.kill();
		}
		this.balancer.forEach(LoggedProcess::kill);
		if (this.redis != null) {
			this.redis.close();
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
		this.network.killEverything(0);
		this.network.killEverything(1);
		this.network.close();
	}

}
