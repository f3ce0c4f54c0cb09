package dev.failsafe.idp.testing.redis;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.Directories;
import dev.failsafe.idp.testing.LoggedProcess;
import dev.failsafe.idp.testing.Ports;
import dev.failsafe.idp.testing.RequiredComponent;
import dev.failsafe.idp.testing.Wait;
import dev.failsafe.idp.testing.network.Site;

/**
 * A real {@code redis-server} for a test, from the Debian package's binary, configured on the command
 * line: no persistence ({@code --save ""}, {@code --appendonly no}), listening on one address only.
 * {@link #start} runs one on a free 127.0.0.1 port in a fresh temporary directory (deleted by
 * {@link #close()}); {@link #startAt} runs one in a site (a network namespace) on its address, in a
 * directory the caller keeps. {@link #startReplicaOf} starts a replica of another one.
 * {@link #kill()} stops it with SIGKILL (as a crash would), {@link #restart()} starts it again on the
 * same port with the same arguments.
 *
 * <p>Without the binary ({@code $REDIS_SERVER}, else {@code /usr/bin/redis-server}) a test is skipped,
 * or fails when {@code CI=true}, naming the Debian package {@value #DEBIAN_PACKAGE}.
 */
public final class RedisServer implements AutoCloseable {

	/** The Debian package that provides {@code redis-server}. */
	public static final String DEBIAN_PACKAGE = "redis-server";

	/** The address a server started by {@link #start} listens on. */
	public static final String HOST = "127.0.0.1";

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

	private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

	private final Path binary;

	private final Site site;

	private final Path dir;

	private final boolean temporary;

	private final int port;

	private final List<String> arguments;

	private final Thread killOnExit;

	private LoggedProcess process;

	private RedisServer(Path binary, Site site, Path dir, boolean temporary, int port, List<String> arguments) {
		this.binary = binary;
		this.site = site;
		this.dir = dir;
		this.temporary = temporary;
		this.port = port;
		this.arguments = List.copyOf(arguments);
		this.killOnExit = new Thread(this::kill, "redis-kill-" + port);
		Runtime.getRuntime().addShutdownHook(this.killOnExit);
	}

	/** A new, empty primary; {@code extraArguments} are more {@code --name value} settings. */
	public static RedisServer start(String... extraArguments) {
		return launch(Site.loopback(), Directories.createTemp("redis-"), true, Ports.free(), List.of(extraArguments));
	}

	/** A new replica of {@code primary}, not waited on for sync (see {@link #awaitInSync}). */
	public static RedisServer startReplicaOf(RedisServer primary, String... extraArguments) {
		List<String> arguments = new ArrayList<>(List.of("--replicaof", primary.host(), Integer.toString(primary.port())));
		arguments.addAll(List.of(extraArguments));
		return launch(Site.loopback(), Directories.createTemp("redis-"), true, Ports.free(), arguments);
	}

	/**
	 * A new server in {@code site} on its address and {@code port}, its files and log in {@code dir}
	 * (kept after {@link #close()}); {@code arguments} are more settings ({@code --replicaof ...}).
	 */
	public static RedisServer startAt(Site site, int port, Path dir, String... arguments) {
		return launch(site, dir, false, port, List.of(arguments));
	}

	/** The path of {@code redis-server}, or a skip (a failure on CI) when it is not installed. */
	public static Path binary() {
		return RequiredComponent.executable("REDIS_SERVER", "/usr/bin/redis-server", DEBIAN_PACKAGE);
	}

	private static RedisServer launch(Site site, Path dir, boolean temporary, int port, List<String> arguments) {
		RedisServer server = new RedisServer(binary(), site, dir, temporary, port, arguments);
		try {
			server.restart();
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
		return server;
	}

	public int port() {
		return this.port;
	}

	public String host() {
		return this.site.address();
	}

	/** {@code redis://host:port}. */
	public String url() {
		return "redis://" + host() + ":" + this.port;
	}

	/** Starts the (killed or never started) process on the same port and waits until it answers PING. */
	public synchronized void restart() {
		if (isRunning()) {
			throw new IllegalStateException("redis-server on port " + this.port + " is running");
		}
		try {
			Files.createDirectories(this.dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> line = new ArrayList<>(List.of(this.binary.toString(), "--port", Integer.toString(this.port),
				"--bind", host(), "--protected-mode", "no", "--save", "", "--appendonly", "no", "--dir",
				this.dir.toString(), "--repl-diskless-sync-delay", "0", "--logfile",
				this.dir.resolve("redis.log").toString(), "--daemonize", "no"));
		line.addAll(this.arguments);
		this.process = LoggedProcess.start("redis-" + this.port, this.site.command(line), Map.of(),
				this.dir.resolve("stdout.log"));
		awaitReady();
	}

	/** Stops the process with SIGKILL, as a crash would, and waits until it is gone. */
	public synchronized void kill() {
		if (this.process != null) {
			this.process.kill();
		}
	}

	/**
	 * Stops the process with SIGSTOP: its connections stay open but it answers nothing (a replica
	 * stops acknowledging, yet its primary counts it as connected until {@code min-replicas-max-lag}).
	 */
	public synchronized void freeze() {
		this.process.signal("STOP");
	}

	/** Resumes a {@link #freeze() frozen} process (SIGCONT). */
	public synchronized void thaw() {
		this.process.signal("CONT");
	}

	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/** Sends one command and returns its reply: a string, a {@code Long}, a list, or null. */
	public Object call(String... command) {
		return callInOrder(List.of(command)).get(0);
	}

	/**
	 * Sends commands one after the other on one connection and returns their replies. An error reply
	 * is a {@link Resp.ErrorReply}, a connection that fails an {@link UncheckedIOException}.
	 */
	@SafeVarargs
	public final List<Object> callInOrder(List<String>... commands) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host(), this.port), (int) REPLY_TIMEOUT.toMillis());
			socket.setSoTimeout((int) REPLY_TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			InputStream in = new BufferedInputStream(socket.getInputStream());
			List<Object> replies = new ArrayList<>();
			for (List<String> command : commands) {
				out.write(Resp.encode(command.toArray(String[]::new)));
				out.flush();
				replies.add(Resp.read(in));
			}
			return replies;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("redis-server on port " + this.port + " did not answer", ex);
		}
	}

	/** One field of {@code INFO section}, or null. */
	public String info(String section, String field) {
		String info = (String) call("INFO", section);
		for (String line : info.split("\r\n")) {
			if (line.startsWith(field + ":")) {
				return line.substring(field.length() + 1);
			}
		}
		return null;
	}

	/**
	 * Waits until {@code replicas} replicas hold every write made so far: on a primary, a fresh write
	 * they acknowledge; on a replica with replicas of its own, their offsets (see {@link ReplicaSync}).
	 */
	public void awaitInSync(int replicas, Duration timeout) {
		new ReplicaSync(this).await(replicas, timeout);
	}

	/** Kills it; a server started by {@link #start} also loses its directory. */
	@Override
	public void close() {
		Runtime.getRuntime().removeShutdownHook(this.killOnExit);
		kill();
		if (this.temporary) {
			Directories.deleteQuietly(this.dir);
		}
	}

	/** The server's log so far, for failure messages. */
	public String log() {
		return readQuietly(this.dir.resolve("redis.log"));
	}

	private void awaitReady() {
		Wait.until("redis-server on port " + this.port + " answering PING", READY_TIMEOUT, Duration.ofMillis(20),
				() -> {
					if (!this.process.isAlive()) {
						throw new IllegalStateException("redis-server on port " + this.port + " exited:\n" + log()
								+ readQuietly(this.dir.resolve("stdout.log")));
					}
					try {
						return "PONG".equals(call("PING"));
					}
					catch (UncheckedIOException | Resp.ErrorReply notYet) {
						// Not listening yet (or still loading).
						return false;
					}
				}, this::log);
	}

	private static String readQuietly(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

}
