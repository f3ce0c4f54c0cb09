package dev.failsafe.idp.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.LoggedProcess;
import dev.failsafe.idp.testing.Ports;
import dev.failsafe.idp.testing.Wait;
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
 * <li>site A ({@value #A}) and site B ({@value #B}): a provider (a Hazelcast member of its site,
 * {@link ProviderLaunch}), a Redis node and a sentinel ({@link RedisPlaces}), an etcd member
 * ({@link EtcdPlaces}) and a PostgreSQL member under Patroni ({@link PatroniCluster});</li>
 * <li>the witness ({@value #WITNESS}): a Redis node, a sentinel, an etcd member, a PostgreSQL member;
 * no provider;</li>
 * <li>outside all three, on the host: HAProxy (the global load balancer, checking each site's
 * readiness, {@link Balancer}), partner-api, the relying party of the back-channel logout on the
 * host's end of the bridge ({@link DrillRelyingParty}), the drill itself.</li>
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

	private final Path runDir;

	private final SiteNetwork network;

	private final List<Site> places = new ArrayList<>();

	private final ProviderProcess[] providers = new ProviderProcess[2];

	private LoggedProcess balancer;

	private ProviderProcess partner;

	private final int balancerPort = Ports.free();

	private final int partnerPort = Ports.free();

	private ProviderLaunch launch;

	private DrillRelyingParty relyingParty;

	private EtcdPlaces etcd;

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
		// -Didp.auth-server.jar picks the provider's jar, so a drill can run another build.
		Path providerJar = ProviderLaunch.builtJar(ProviderProcess.jar());
		Path partnerJar = ProviderLaunch.builtJar(ProviderLaunch.inBuild("client-samples/partner-api/target/partner-api.jar"));
		SiteNetwork network = SiteNetwork.create(NAMES.size());
		Places deployment = new Places(runDir, network);
		try {
			deployment.relyingParty = DrillRelyingParty.start(runDir, network.hostAddress());
			deployment.launch = new ProviderLaunch(runDir, providerJar, deployment.relyingParty.trustStoreFlags());
			Drill.say("starting etcd, Redis and Patroni in three places");
			deployment.startStores();
			Drill.say("starting the providers");
			deployment.startProvider(A);
			deployment.startProvider(B);
			Drill.say("starting HAProxy and partner-api");
			deployment.balancer = Balancer.start(runDir, deployment.balancerPort,
					List.of(deployment.place(A).address() + ":" + PROVIDER_PORT,
							deployment.place(B).address() + ":" + PROVIDER_PORT));
			Balancer.awaitReady(deployment.balancer, deployment.issuer(), ProviderLaunch.START);
			deployment.partner = deployment.launch.partner(partnerJar, deployment.partnerPort, deployment.issuer());
			deployment.partner.start().awaitReady(ProviderLaunch.START);
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

	/** The relying party outside the places that receives back-channel logouts over HTTPS. */
	DrillRelyingParty relyingParty() {
		return this.relyingParty;
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
		this.etcd.restart(place);
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
		if (this.balancer != null) {
			all.append(this.balancer.logTail(25)).append("\n\n");
		}
		if (this.partner != null) {
			all.append(this.partner.logTail()).append("\n\n");
		}
		if (this.redis != null) {
			all.append(this.redis.logs());
		}
		if (this.directory != null) {
			NAMES.forEach(name -> all.append(this.directory.log(name)).append("\n\n"));
		}
		if (this.etcd != null) {
			all.append(this.etcd.logs());
		}
		return all.toString();
	}

	@Override
	public void close() throws Exception {
		for (AutoCloseable part : Arrays.asList(this.providers[A], this.providers[B], this.balancer, this.partner,
				this.redis, this.directory, this.etcd, this.relyingParty)) {
			if (part != null) {
				part.close();
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
		this.etcd = EtcdPlaces.start(this.runDir, members);
		this.redis = RedisPlaces.start(this.runDir, this.places);
		this.directory = PatroniCluster.start(this.runDir, members, this.etcd.hosts(), this.network.cidr());
	}

	private void startProvider(int site) throws IOException {
		this.providers[site] = this.launch.provider(this, site);
		this.providers[site].start().awaitReady(ProviderLaunch.START);
	}

}
