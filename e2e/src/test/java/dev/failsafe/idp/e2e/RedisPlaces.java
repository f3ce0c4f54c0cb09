package dev.failsafe.idp.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.Wait;
import dev.failsafe.idp.testing.network.Site;
import dev.failsafe.idp.testing.redis.RedisServer;
import dev.failsafe.idp.testing.redis.Resp;
import dev.failsafe.idp.testing.redis.Sentinel;

/**
 * Redis in the three-place topology of docs/availability.md, as real processes (the kit's
 * {@link RedisServer} and {@link Sentinel}): one node per place, the primary at the first at start,
 * the others its direct replicas; every node alike (any may become the primary): the same
 * {@code replica-priority}, {@code min-replicas-to-write 1}, {@code min-replicas-max-lag 3}; one
 * sentinel per place, quorum 2, {@code down-after-milliseconds} 3000.
 */
final class RedisPlaces implements AutoCloseable {

	static final String MASTER = Sentinel.MASTER;

	static final int PORT = 6379;

	static final int SENTINEL_PORT = 26379;

	static final Duration DOWN_AFTER = Duration.ofMillis(3000);

	static final String PRIORITY = "100";

	private static final List<String> SETTINGS = List.of("--replica-priority", PRIORITY, "--min-replicas-to-write",
			"1", "--min-replicas-max-lag", "3", "--repl-timeout", "5", "--repl-ping-replica-period", "1",
			"--notify-keyspace-events", "Egx");

	private final Path runDir;

	private final List<Site> places;

	private final RedisServer[] nodes;

	private final Sentinel[] sentinels;

	private RedisPlaces(Path runDir, List<Site> places) {
		this.runDir = runDir;
		this.places = List.copyOf(places);
		this.nodes = new RedisServer[places.size()];
		this.sentinels = new Sentinel[places.size()];
	}

	/** Starts a node and a sentinel in every place, the first place's node the primary. */
	static RedisPlaces start(Path runDir, List<Site> places) {
		RedisPlaces redis = new RedisPlaces(runDir, places);
		try {
			Site first = places.get(0);
			redis.nodes[0] = RedisServer.startAt(first, PORT, runDir.resolve("redis-" + first.name()),
					SETTINGS.toArray(String[]::new));
			for (int i = 1; i < places.size(); i++) {
				redis.startNode(i, first.address());
			}
			redis.nodes[0].awaitInSync(places.size() - 1, Duration.ofSeconds(30));
			for (int i = 0; i < places.size(); i++) {
				redis.startSentinel(i, first.address());
			}
			return redis;
		}
		catch (RuntimeException ex) {
			redis.close();
			throw ex;
		}
	}

	/** Place {@code index}'s node. */
	RedisServer node(int index) {
		return this.nodes[index];
	}

	/** Place {@code index}'s sentinel. */
	Sentinel sentinel(int index) {
		return this.sentinels[index];
	}

	/** How many places: one node and one sentinel in each. */
	int size() {
		return this.nodes.length;
	}

	/** Place {@code index}'s address. */
	String address(int index) {
		return this.places.get(index).address();
	}

	/**
	 * {@code host:port} of every sentinel, as {@code spring.data.redis.sentinel.nodes} takes them, place
	 * {@code first}'s first (a reconnect asks them in order: its own is the one it surely reaches).
	 */
	String sentinelNodes(int first) {
		List<String> nodes = new ArrayList<>();
		nodes.add(this.places.get(first).address() + ":" + SENTINEL_PORT);
		this.places.stream()
			.filter(place -> place != this.places.get(first))
			.forEach(place -> nodes.add(place.address() + ":" + SENTINEL_PORT));
		return String.join(",", nodes);
	}

	/**
	 * The place whose node the sentinels that answer name as the primary (the most named), or null
	 * when none answers.
	 */
	Integer primary() {
		Map<String, Integer> named = new HashMap<>();
		for (Sentinel sentinel : this.sentinels) {
			try {
				if (sentinel != null && sentinel.process().isAlive()) {
					named.merge(sentinel.primary(), 1, Integer::sum);
				}
			}
			catch (IOException | RuntimeException ex) {
				// Unreachable (cut off, or killed): it has no vote here.
			}
		}
		return named.entrySet()
			.stream()
			.max(Map.Entry.comparingByValue())
			.map(entry -> placeOf(entry.getKey()))
			.orElse(null);
	}

	/**
	 * The places whose node would take a write now: a primary with a replica in sync (as
	 * {@code min-replicas-to-write} counts them). More than one is two primaries accepting writes.
	 */
	List<Integer> writable() {
		List<Integer> writable = new ArrayList<>();
		for (int i = 0; i < this.nodes.length; i++) {
			try {
				if (this.nodes[i] != null && this.nodes[i].isRunning() && "master".equals(this.nodes[i].info("replication", "role"))
						&& Integer.parseInt(this.nodes[i].info("replication", "min_slaves_good_slaves")) > 0) {
					writable.add(i);
				}
			}
			catch (RuntimeException ex) {
				// Not answering: takes no write either.
			}
		}
		return writable;
	}

	/** The role ({@code master}, {@code slave}) of each place's node, {@code down} when it does not answer. */
	List<String> roles() {
		List<String> roles = new ArrayList<>();
		for (RedisServer node : this.nodes) {
			try {
				roles.add((node != null && node.isRunning()) ? node.info("replication", "role") : "down");
			}
			catch (RuntimeException ex) {
				roles.add("down");
			}
		}
		return roles;
	}

	/** Waits until the primary has every other node as a replica holding everything it wrote. */
	void awaitAllInSync(Duration timeout) {
		Wait.until("one Redis primary with every other node in sync", timeout, Duration.ofMillis(250), () -> {
			Integer primary = primary();
			return primary != null && writable().equals(List.of(primary)) && inSync(primary, this.nodes.length - 1);
		}, () -> "roles " + roles() + ", primary " + primary());
	}

	/**
	 * Starts place {@code index}'s node and sentinel again after its place was killed, as the runbook's
	 * fail-back says: the node as a replica of the primary the sentinels name now, the sentinel
	 * monitoring it.
	 */
	void restart(int index) {
		Integer primary = primary();
		if (primary == null) {
			throw new IllegalStateException("no sentinel names a primary");
		}
		String primaryHost = this.places.get(primary).address();
		startNode(index, primaryHost);
		startSentinel(index, primaryHost);
	}

	/** Moves the primary to place {@code index} between two scenarios ({@link RedisSwitchover}). */
	void moveTo(int index, Duration timeout) {
		RedisSwitchover.moveTo(this, index, timeout);
	}

	/** The last lines of every node's and sentinel's log, for a failure message. */
	String logs() {
		StringBuilder logs = new StringBuilder();
		for (RedisServer node : this.nodes) {
			if (node != null) {
				logs.append("redis ").append(node.host()).append(":\n").append(tail(node.log())).append("\n\n");
			}
		}
		for (Sentinel sentinel : this.sentinels) {
			if (sentinel != null) {
				logs.append("sentinel ").append(sentinel.node()).append(":\n").append(tail(sentinel.log())).append("\n\n");
			}
		}
		return logs.toString();
	}

	@Override
	public void close() {
		for (Sentinel sentinel : this.sentinels) {
			if (sentinel != null) {
				sentinel.close();
			}
		}
		for (RedisServer node : this.nodes) {
			if (node != null) {
				node.close();
			}
		}
	}

	private void startNode(int index, String primaryHost) {
		Site place = this.places.get(index);
		List<String> settings = new ArrayList<>(SETTINGS);
		settings.addAll(List.of("--replicaof", primaryHost, Integer.toString(PORT)));
		this.nodes[index] = RedisServer.startAt(place, PORT, this.runDir.resolve("redis-" + place.name()),
				settings.toArray(String[]::new));
	}

	private void startSentinel(int index, String primaryHost) {
		Site place = this.places.get(index);
		Sentinel sentinel = Sentinel.start(place, SENTINEL_PORT, this.runDir.resolve("sentinel-" + place.name()),
				primaryHost, PORT, DOWN_AFTER);
		Wait.until("sentinel " + sentinel.node() + " answering", Duration.ofSeconds(20), Duration.ofMillis(100),
				sentinel::answers, sentinel::log);
		this.sentinels[index] = sentinel;
	}

	/** Whether {@code replicas} replicas of place {@code index}'s node acknowledge a fresh write. */
	boolean inSync(int index, int replicas) {
		try {
			List<Object> replies = this.nodes[index].callInOrder(List.of("SET", "drill:sync", Long.toString(System.nanoTime())),
					List.of("WAIT", Integer.toString(replicas), "500"));
			return ((Long) replies.get(1)) >= replicas;
		}
		catch (Resp.ErrorReply | UncheckedIOException ex) {
			return false;
		}
	}

	private Integer placeOf(String hostPort) {
		for (int i = 0; i < this.places.size(); i++) {
			if (hostPort.startsWith(this.places.get(i).address() + ":")) {
				return i;
			}
		}
		return null;
	}

	private static String tail(String log) {
		List<String> lines = log.lines().toList();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
	}

}
