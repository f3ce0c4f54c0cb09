package dev.failsafe.idp.testing.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.failsafe.idp.testing.Directories;
import dev.failsafe.idp.testing.Ports;
import dev.failsafe.idp.testing.Wait;
import dev.failsafe.idp.testing.network.Site;

/**
 * Three real {@link Sentinel}s on free 127.0.0.1 ports monitoring one primary as {@link #MASTER}
 * with quorum 2 and a one-second {@code down-after-milliseconds}, each in a temporary directory.
 * {@link #close()} kills them (SIGKILL) and deletes the directories.
 */
public final class SentinelSet implements AutoCloseable {

	/** The Debian package that provides {@code redis-sentinel}. */
	public static final String DEBIAN_PACKAGE = Sentinel.DEBIAN_PACKAGE;

	/** The name the sentinels monitor the primary under. */
	public static final String MASTER = Sentinel.MASTER;

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

	private final List<Sentinel> sentinels = new ArrayList<>();

	private SentinelSet() {
	}

	/** Starts three sentinels watching {@code primary}, deeming it down after 1 s of silence. */
	public static SentinelSet monitoring(RedisServer primary) {
		return monitoring(primary, Duration.ofSeconds(1));
	}

	/**
	 * Starts three sentinels watching {@code primary}, deeming it down after {@code downAfter} of
	 * silence (more than 2 s when two replicas may be promoted: docs/availability.md).
	 */
	public static SentinelSet monitoring(RedisServer primary, Duration downAfter) {
		SentinelSet set = new SentinelSet();
		try {
			for (int i = 0; i < 3; i++) {
				Path dir = Directories.createTemp("sentinel-");
				set.sentinels.add(Sentinel.start(Site.loopback(), Ports.free(), dir, primary.host(), primary.port(),
						downAfter));
			}
			set.awaitReady();
			return set;
		}
		catch (RuntimeException ex) {
			set.close();
			throw ex;
		}
	}

	public List<Integer> ports() {
		return this.sentinels.stream().map(Sentinel::port).toList();
	}

	/** {@code host:port} of each sentinel, as {@code spring.data.redis.sentinel.nodes} takes them. */
	public List<String> nodes() {
		return this.sentinels.stream().map(Sentinel::node).toList();
	}

	/** The port of the primary the first sentinel that answers currently names. */
	public int primaryPort() {
		for (Sentinel sentinel : this.sentinels) {
			try {
				String primary = sentinel.primary();
				return Integer.parseInt(primary.substring(primary.lastIndexOf(':') + 1));
			}
			catch (IOException | RuntimeException notThisOne) {
				// Try the next sentinel.
			}
		}
		throw new IllegalStateException("No sentinel answers");
	}

	/** Waits until every sentinel names a primary other than {@code oldPort}. */
	public void awaitPromotionAway(int oldPort, Duration timeout) {
		Wait.until("promotion away from port " + oldPort, timeout, Duration.ofMillis(100), () -> {
			for (Sentinel sentinel : this.sentinels) {
				if (sentinel.primary().endsWith(":" + oldPort)) {
					return false;
				}
			}
			return true;
		}, this::logs);
	}

	@Override
	public void close() {
		for (Sentinel sentinel : this.sentinels) {
			sentinel.close();
		}
		for (Sentinel sentinel : this.sentinels) {
			Directories.deleteQuietly(sentinel.dir());
		}
	}

	/** Every sentinel's log, for failure messages. */
	public String logs() {
		StringBuilder logs = new StringBuilder();
		for (Sentinel sentinel : this.sentinels) {
			logs.append(sentinel.log()).append('\n');
		}
		return logs.toString();
	}

	/** Each must see the replica and the two other sentinels. */
	private void awaitReady() {
		for (Sentinel sentinel : this.sentinels) {
			Wait.until("sentinel on port " + sentinel.port() + " seeing the replica and the two other sentinels",
					READY_TIMEOUT, Duration.ofMillis(100), () -> {
						try {
							Object replicas = sentinel.call("SENTINEL", "REPLICAS", MASTER);
							Object others = sentinel.call("SENTINEL", "SENTINELS", MASTER);
							return replicas instanceof List<?> r && !r.isEmpty() && others instanceof List<?> s
									&& s.size() == 2;
						}
						catch (IOException | IllegalStateException notYet) {
							return false;
						}
					}, this::logs);
		}
	}

}
