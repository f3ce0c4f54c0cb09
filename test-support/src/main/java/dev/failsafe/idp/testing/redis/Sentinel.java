package dev.failsafe.idp.testing.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.LoggedProcess;
import dev.failsafe.idp.testing.RequiredComponent;
import dev.failsafe.idp.testing.network.Site;

/**
 * One real {@code redis-sentinel} (the Debian package {@value #DEBIAN_PACKAGE}) in a site, on its
 * address and a port, monitoring a primary as {@value #MASTER} with quorum 2, its config file (which
 * Sentinel rewrites) and log in a directory of its own.
 *
 * @param site where it runs
 * @param port its port
 * @param dir its directory (config, log)
 * @param process the running process
 */
public record Sentinel(Site site, int port, Path dir, LoggedProcess process) implements AutoCloseable {

	/** The Debian package that provides {@code redis-sentinel}. */
	public static final String DEBIAN_PACKAGE = "redis-sentinel";

	/** The name the sentinels monitor the primary under. */
	public static final String MASTER = "idp";

	/**
	 * Sentinel's {@code failover-timeout}, as docs/availability.md sets it: when the two surviving
	 * sentinels ask for votes at once and neither wins, the next try comes twice this after the first.
	 */
	public static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(3);

	private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * Starts a sentinel in {@code site} on {@code port} watching the primary at
	 * {@code primaryHost:primaryPort}, counting it down after {@code downAfter} of silence.
	 */
	public static Sentinel start(Site site, int port, Path dir, String primaryHost, int primaryPort,
			Duration downAfter) {
		Path binary = RequiredComponent.executable("REDIS_SENTINEL", "/usr/bin/redis-sentinel", DEBIAN_PACKAGE);
		try {
			Files.createDirectories(dir);
			Path config = dir.resolve("sentinel.conf");
			Files.writeString(config, """
					port %d
					bind %s
					protected-mode no
					dir %s
					logfile %s
					sentinel monitor %s %s %d 2
					sentinel down-after-milliseconds %s %d
					sentinel failover-timeout %s %d
					sentinel parallel-syncs %s 1
					""".formatted(port, site.address(), dir, dir.resolve("sentinel.log"), MASTER, primaryHost,
					primaryPort, MASTER, downAfter.toMillis(), MASTER, FAILOVER_TIMEOUT.toMillis(), MASTER));
			LoggedProcess process = LoggedProcess.start("sentinel-" + site.name(),
					site.command(List.of(binary.toString(), config.toString())), Map.of(), dir.resolve("stdout.log"));
			return new Sentinel(site, port, dir, process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code host:port}, as {@code spring.data.redis.sentinel.nodes} takes it. */
	public String node() {
		return this.site.address() + ":" + this.port;
	}

	/** One command to this sentinel. */
	public Object call(String... command) throws IOException {
		return Resp.call(this.site.address(), this.port, REPLY_TIMEOUT, command);
	}

	/** {@code host:port} of the primary this sentinel names now. */
	public String primary() throws IOException {
		List<?> address = (List<?>) call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER);
		return address.get(0) + ":" + address.get(1);
	}

	/** Whether it answers PING. */
	public boolean answers() {
		try {
			return "PONG".equals(call("PING"));
		}
		catch (IOException | IllegalStateException notYet) {
			return false;
		}
	}

	/** Its log so far, for failure messages. */
	public String log() {
		try {
			Path log = this.dir.resolve("sentinel.log");
			return Files.exists(log) ? Files.readString(log) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	/** SIGKILL. */
	@Override
	public void close() {
		this.process.kill();
	}

}
