package dev.failsafe.idp.replication.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Three real {@code redis-sentinel} processes (the Debian package {@value #DEBIAN_PACKAGE}) on free
 * 127.0.0.1 ports, monitoring one primary as {@link #MASTER} with quorum 2 and a one-second
 * {@code down-after-milliseconds}, each with its own config file in a temporary directory (Sentinel
 * rewrites it). {@link #close()} kills them (SIGKILL) and deletes the directories.
 */
public final class SentinelSet implements AutoCloseable {

	/** The Debian package that provides {@code redis-sentinel}. */
	public static final String DEBIAN_PACKAGE = "redis-sentinel";

	/** The name the sentinels monitor the primary under. */
	public static final String MASTER = "idp";

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

	private final List<Process> processes = new ArrayList<>();

	private final List<Integer> ports = new ArrayList<>();

	private final List<Path> dirs = new ArrayList<>();

	private SentinelSet() {
	}

	/** Starts three sentinels watching {@code primary}. */
	public static SentinelSet monitoring(RedisServer primary) {
		Path binary = RequiredComponent.executable("REDIS_SENTINEL", "/usr/bin/redis-sentinel", DEBIAN_PACKAGE);
		SentinelSet set = new SentinelSet();
		try {
			for (int i = 0; i < 3; i++) {
				int port = RedisServer.freePort();
				Path dir = Files.createTempDirectory("sentinel-");
				Path config = dir.resolve("sentinel.conf");
				Files.writeString(config, """
						port %d
						bind 127.0.0.1
						dir %s
						logfile %s
						sentinel monitor %s 127.0.0.1 %d 2
						sentinel down-after-milliseconds %s 1000
						sentinel failover-timeout %s 10000
						sentinel parallel-syncs %s 1
						""".formatted(port, dir, dir.resolve("sentinel.log"), MASTER, primary.port(), MASTER, MASTER,
						MASTER));
				set.dirs.add(dir);
				set.ports.add(port);
				set.processes.add(new ProcessBuilder(binary.toString(), config.toString()).directory(dir.toFile())
					.redirectErrorStream(true)
					.redirectOutput(dir.resolve("stdout.log").toFile())
					.start());
			}
			set.awaitReady();
			return set;
		}
		catch (IOException | RuntimeException ex) {
			set.close();
			throw (ex instanceof IOException io) ? new UncheckedIOException(io) : (RuntimeException) ex;
		}
	}

	public List<Integer> ports() {
		return List.copyOf(this.ports);
	}

	/** {@code host:port} of each sentinel, as {@code spring.data.redis.sentinel.nodes} takes them. */
	public List<String> nodes() {
		return this.ports.stream().map((port) -> RedisServer.HOST + ":" + port).toList();
	}

	/** The port of the primary the first sentinel that answers currently names. */
	public int primaryPort() {
		for (int port : this.ports) {
			try {
				Object reply = call(port, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER);
				if (reply instanceof List<?> address && address.size() == 2) {
					return Integer.parseInt((String) address.get(1));
				}
			}
			catch (UncheckedIOException notThisOne) {
				// Try the next sentinel.
			}
		}
		throw new IllegalStateException("No sentinel answers");
	}

	/** Waits until every sentinel names a primary other than {@code oldPort}. */
	public void awaitPromotionAway(int oldPort, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (true) {
			boolean all = true;
			for (int port : this.ports) {
				List<?> address = (List<?>) call(port, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER);
				all &= Integer.parseInt((String) address.get(1)) != oldPort;
			}
			if (all) {
				return;
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("No promotion away from port " + oldPort + " within " + timeout + ":\n"
						+ logs());
			}
			RedisServer.pause(Duration.ofMillis(100));
		}
	}

	@Override
	public void close() {
		for (Process process : this.processes) {
			process.destroyForcibly();
		}
		for (Process process : this.processes) {
			try {
				process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		for (Path dir : this.dirs) {
			try (Stream<Path> paths = Files.walk(dir)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(path);
				}
			}
			catch (IOException ex) {
				// Best effort.
			}
		}
	}

	/** Every sentinel's log, for failure messages. */
	public String logs() {
		StringBuilder logs = new StringBuilder();
		for (Path dir : this.dirs) {
			try {
				Path log = dir.resolve("sentinel.log");
				logs.append(Files.exists(log) ? Files.readString(log) : "").append('\n');
			}
			catch (IOException ex) {
				// Best effort.
			}
		}
		return logs.toString();
	}

	private void awaitReady() {
		Instant deadline = Instant.now().plus(READY_TIMEOUT);
		for (int port : this.ports) {
			while (true) {
				try {
					Object replicas = call(port, "SENTINEL", "REPLICAS", MASTER);
					Object sentinels = call(port, "SENTINEL", "SENTINELS", MASTER);
					if (replicas instanceof List<?> r && !r.isEmpty() && sentinels instanceof List<?> s
							&& s.size() == 2) {
						break;
					}
				}
				catch (UncheckedIOException | IllegalStateException notYet) {
					// Starting.
				}
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("Sentinels not ready (each must see the replica and the two other "
							+ "sentinels) within " + READY_TIMEOUT + ":\n" + logs());
				}
				RedisServer.pause(Duration.ofMillis(100));
			}
		}
	}

	private static Object call(int port, String... command) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(RedisServer.HOST, port), 2_000);
			socket.setSoTimeout(5_000);
			socket.getOutputStream().write(RedisServer.Resp.encode(command));
			socket.getOutputStream().flush();
			return RedisServer.Resp.read(new java.io.BufferedInputStream(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
