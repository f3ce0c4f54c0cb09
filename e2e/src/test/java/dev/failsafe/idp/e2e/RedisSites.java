package dev.failsafe.idp.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.failsafe.idp.testing.network.Site;
import dev.failsafe.idp.testing.redis.RedisServer;
import dev.failsafe.idp.testing.redis.Sentinel;

/**
 * Redis in the README's topology, as real processes (the test kit's {@link RedisServer} and
 * {@link Sentinel}): the primary in site A ({@code min-replicas-to-write 1}), its only promotable
 * replica in site B, and that replica's own replica in site B ({@code replica-priority 0}); one
 * sentinel per site and a witness sentinel on the host (quorum 2).
 */
final class RedisSites implements AutoCloseable {

	static final String MASTER = Sentinel.MASTER;

	static final int PRIMARY_PORT = 6379;

	static final int DOWNSTREAM_PORT = 6380;

	static final int SENTINEL_PORT = 26379;

	private static final Duration DOWN_AFTER = Duration.ofSeconds(2);

	private final List<RedisServer> servers = new ArrayList<>();

	private final List<Sentinel> sentinels = new ArrayList<>();

	private RedisSites() {
	}

	static RedisSites start(Path runDir, Site a, Site b, Site witness) {
		RedisSites sites = new RedisSites();
		try {
			sites.servers.add(RedisServer.startAt(a, PRIMARY_PORT, runDir.resolve("redis-a"), "--min-replicas-to-write",
					"1", "--min-replicas-max-lag", "10", "--notify-keyspace-events", "Egx"));
			sites.servers.add(RedisServer.startAt(b, PRIMARY_PORT, runDir.resolve("redis-b"), "--replicaof",
					a.address(), Integer.toString(PRIMARY_PORT), "--notify-keyspace-events", "Egx"));
			sites.servers.add(RedisServer.startAt(b, DOWNSTREAM_PORT, runDir.resolve("redis-b-downstream"),
					"--replicaof", b.address(), Integer.toString(PRIMARY_PORT), "--replica-priority", "0",
					"--notify-keyspace-events", "Egx"));
			for (Site site : List.of(a, b, witness)) {
				sites.sentinels.add(Sentinel.start(site, SENTINEL_PORT, runDir.resolve("sentinel-" + site.name()),
						a.address(), PRIMARY_PORT, DOWN_AFTER));
			}
			for (Sentinel sentinel : sites.sentinels) {
				dev.failsafe.idp.testing.Wait.until("sentinel " + sentinel.node() + " answering", Duration.ofSeconds(20),
						Duration.ofMillis(100), sentinel::answers, sentinel::log);
			}
			return sites;
		}
		catch (RuntimeException ex) {
			sites.close();
			throw ex;
		}
	}

	/** {@code host:port} of every sentinel, as {@code spring.data.redis.sentinel.nodes} takes them. */
	String sentinelNodes() {
		return String.join(",", this.sentinels.stream().map(Sentinel::node).toList());
	}

	/** The primary's address as the witness sentinel names it. */
	String primaryAddress() throws IOException {
		return this.sentinels.get(2).primary();
	}

	/** The last lines of every server's and sentinel's log, for a failure message. */
	String logs() {
		StringBuilder logs = new StringBuilder();
		for (RedisServer server : this.servers) {
			logs.append("redis ").append(server.host()).append(':').append(server.port()).append(":\n")
				.append(tail(server.log())).append("\n\n");
		}
		for (Sentinel sentinel : this.sentinels) {
			logs.append("sentinel ").append(sentinel.node()).append(":\n").append(tail(sentinel.log())).append("\n\n");
		}
		return logs.toString();
	}

	/** SIGKILL of every server and sentinel still running. */
	@Override
	public void close() {
		this.sentinels.forEach(Sentinel::close);
		this.servers.forEach(RedisServer::close);
	}

	private static String tail(String log) {
		List<String> lines = log.lines().toList();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
	}

}
