package dev.failsafe.idp.testing.etcd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.LoggedProcess;
import dev.failsafe.idp.testing.RequiredComponent;
import dev.failsafe.idp.testing.network.Site;

/**
 * One real etcd member (Debian's {@value #DEBIAN_PACKAGE}, etcd 3.4) in a site, on the site's address,
 * its data and log in a directory of its own: one of a cluster with one member per place, as
 * Patroni's store. Tuned for a local network (heartbeat 100 ms, election 1000 ms) with pre-vote on,
 * so a member cut off and back cannot depose the others' leader. Started again on the same directory
 * ({@link #restart}) it rejoins with its data.
 *
 * @param site where it runs
 * @param name its member name
 * @param dir its directory (data, log)
 * @param cluster every member's name and site, this one's included
 * @param process the running process
 */
public record EtcdMember(Site site, String name, Path dir, Map<String, Site> cluster, LoggedProcess process)
		implements AutoCloseable {

	/** The Debian package that provides {@code etcd}. */
	public static final String DEBIAN_PACKAGE = "etcd-server";

	/** The client port (Patroni's). */
	public static final int CLIENT_PORT = 2379;

	/** The peer port (the other members'). */
	public static final int PEER_PORT = 2380;

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	/**
	 * Starts member {@code name} of {@code cluster} (name to site, in a stable order) in its site. A
	 * new directory makes a new cluster member; a directory it ran in before brings it back.
	 */
	public static EtcdMember start(String name, Map<String, Site> cluster, Path dir) {
		Path binary = RequiredComponent.executable("ETCD", "/usr/bin/etcd", DEBIAN_PACKAGE);
		Site site = cluster.get(name);
		try {
			Files.createDirectories(dir);
			List<String> peers = new ArrayList<>();
			cluster.forEach((member, place) -> peers.add(member + "=" + peerUrl(place)));
			List<String> command = List.of(binary.toString(), "--name", name, "--data-dir", dir.resolve("data").toString(),
					"--listen-peer-urls", peerUrl(site), "--initial-advertise-peer-urls", peerUrl(site),
					"--listen-client-urls", clientUrl(site), "--advertise-client-urls", clientUrl(site),
					"--initial-cluster", String.join(",", peers), "--initial-cluster-state", "new",
					"--initial-cluster-token", "failsafe-idp", "--heartbeat-interval", "100", "--election-timeout",
					"1000", "--pre-vote=true", "--logger=zap", "--log-level=warn");
			LoggedProcess process = LoggedProcess.start("etcd-" + name, site.command(command), Map.of(),
					dir.resolve("etcd.log"));
			return new EtcdMember(site, name, dir, Map.copyOf(cluster), process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The same member again on its directory (after a kill), rejoining with its data. */
	public EtcdMember restart() {
		return start(this.name, this.cluster, this.dir);
	}

	/** {@code host:port} of the member's client URL, as Patroni's {@code etcd3.hosts} takes it. */
	public String host() {
		return this.site.address() + ":" + CLIENT_PORT;
	}

	/** Whether the member says the cluster is healthy (it has a leader and answers). */
	public boolean healthy() {
		try {
			HttpResponse<String> health = HTTP.send(
					HttpRequest.newBuilder(URI.create(clientUrl(this.site) + "/health")).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.ofString());
			return health.statusCode() == 200 && health.body().contains("\"health\":\"true\"");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Its log so far, for failure messages. */
	public String log() {
		return this.process.logTail(30);
	}

	/** SIGKILL. */
	@Override
	public void close() {
		this.process.kill();
	}

	private static String clientUrl(Site site) {
		return "http://" + site.address() + ":" + CLIENT_PORT;
	}

	private static String peerUrl(Site site) {
		return "http://" + site.address() + ":" + PEER_PORT;
	}

}
