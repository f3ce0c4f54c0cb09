package dev.failsafe.idp.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.replication.testing.RequiredComponent;

/**
 * Redis in the README's topology, as real processes: the primary in site A
 * ({@code min-replicas-to-write 1}), its only promotable replica in site B, and that replica's own
 * replica in site B ({@code replica-priority 0}); one sentinel per site and a witness sentinel on
 * the host (quorum 2).
 */
final class RedisSites {

	static final String MASTER = "idp";

	static final int PRIMARY_PORT = 6379;

	static final int DOWNSTREAM_PORT = 6380;

	static final int SENTINEL_PORT = 26379;

	private final List<Site> sentinels;

	private RedisSites(List<Site> sentinels) {
		this.sentinels = sentinels;
	}

	static RedisSites start(Path runDir, Site a, Site b, Site witness, List<Launched> processes) throws IOException {
		Path redis = RequiredComponent.executable("REDIS_SERVER", "/usr/bin/redis-server", "redis-server");
		Path sentinel = RequiredComponent.executable("REDIS_SENTINEL", "/usr/bin/redis-sentinel", "redis-sentinel");
		processes.add(server(redis, runDir, "redis-a", a, PRIMARY_PORT, "--min-replicas-to-write", "1",
				"--min-replicas-max-lag", "10"));
		await(a.address(), PRIMARY_PORT, "PING", Duration.ofSeconds(20));
		processes.add(server(redis, runDir, "redis-b", b, PRIMARY_PORT, "--replicaof", a.address(),
				Integer.toString(PRIMARY_PORT)));
		processes.add(server(redis, runDir, "redis-b-downstream", b, DOWNSTREAM_PORT, "--replicaof", b.address(),
				Integer.toString(PRIMARY_PORT), "--replica-priority", "0"));
		await(b.address(), DOWNSTREAM_PORT, "PING", Duration.ofSeconds(20));
		List<Site> sentinelSites = List.of(a, b, witness);
		for (Site site : sentinelSites) {
			Path config = runDir.resolve("sentinel-" + site.name() + ".conf");
			Files.writeString(config, """
					port %d
					bind %s
					protected-mode no
					dir %s
					sentinel monitor %s %s %d 2
					sentinel down-after-milliseconds %s 2000
					sentinel failover-timeout %s 10000
					sentinel parallel-syncs %s 1
					""".formatted(SENTINEL_PORT, site.address(), runDir, MASTER, a.address(), PRIMARY_PORT, MASTER,
					MASTER, MASTER));
			processes.add(Launched.start("sentinel-" + site.name(), site.launcher(),
					List.of(sentinel.toString(), config.toString()), Map.of(), runDir));
		}
		RedisSites sites = new RedisSites(sentinelSites);
		for (Site site : sentinelSites) {
			await(site.address(), SENTINEL_PORT, "PING", Duration.ofSeconds(20));
		}
		return sites;
	}

	/** {@code host:port} of every sentinel, as {@code spring.data.redis.sentinel.nodes} takes them. */
	String sentinelNodes() {
		return String.join(",", this.sentinels.stream().map(site -> site.address() + ":" + SENTINEL_PORT).toList());
	}

	/** The primary's address as the witness sentinel names it. */
	String primaryAddress() throws IOException {
		Site witness = this.sentinels.get(2);
		return Resp.call(witness.address(), SENTINEL_PORT, "SENTINEL", "get-master-addr-by-name", MASTER).strip()
			.replace('\n', ':');
	}

	private static Launched server(Path binary, Path runDir, String name, Site site, int port, String... settings)
			throws IOException {
		Path dir = Files.createDirectories(runDir.resolve(name));
		List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", Integer.toString(port), "--bind",
				site.address(), "--protected-mode", "no", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
				"--repl-diskless-sync-delay", "0", "--notify-keyspace-events", "Egx"));
		command.addAll(List.of(settings));
		return Launched.start(name, site.launcher(), command, Map.of(), runDir);
	}

	static void await(String host, int port, String command, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (true) {
			try {
				Resp.call(host, port, command);
				return;
			}
			catch (IOException ex) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException(host + ":" + port + " did not answer " + command, ex);
				}
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

}
