package dev.failsafe.idp.replication.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;



/**
 * A real {@code redis-server} for a test, from the Debian package's binary, on a free 127.0.0.1 port
 * in a fresh temporary directory, configured on the command line: no persistence ({@code --save ""},
 * {@code --appendonly no}), loopback only. {@link #startReplicaOf} starts a replica of another one.
 * {@link #kill()} stops it with SIGKILL (as a crash would), {@link #restart()} starts it again on the
 * same port with the same arguments; {@link #close()} kills it and deletes the directory.
 *
 * <p>Without the binary ({@code $REDIS_SERVER}, else {@code /usr/bin/redis-server}) a test is skipped,
 * or fails when {@code CI=true}, naming the Debian package {@value #DEBIAN_PACKAGE}.
 */
public final class RedisServer implements AutoCloseable {

	/** The Debian package that provides {@code redis-server}. */
	public static final String DEBIAN_PACKAGE = "redis-server";

	/** The only address it listens on. */
	public static final String HOST = "127.0.0.1";

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

	private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

	private final Path binary;

	private final Path dir;

	private final int port;

	private final List<String> arguments;

	private final Thread killOnExit;

	private Process process;

	private RedisServer(Path binary, Path dir, int port, List<String> arguments) {
		this.binary = binary;
		this.dir = dir;
		this.port = port;
		this.arguments = List.copyOf(arguments);
		this.killOnExit = new Thread(this::kill, "redis-kill-" + port);
		Runtime.getRuntime().addShutdownHook(this.killOnExit);
	}

	/** A new, empty primary; {@code extraArguments} are more {@code --name value} settings. */
	public static RedisServer start(String... extraArguments) {
		return launch(List.of(extraArguments));
	}

	/** A new replica of {@code primary}, not waited on for sync (see {@link #awaitInSync}). */
	public static RedisServer startReplicaOf(RedisServer primary, String... extraArguments) {
		List<String> arguments = new ArrayList<>(List.of("--replicaof", HOST, Integer.toString(primary.port())));
		arguments.addAll(List.of(extraArguments));
		return launch(arguments);
	}

	/** The path of {@code redis-server}, or a skip (a failure on CI) when it is not installed. */
	public static Path binary() {
		return RequiredComponent.executable("REDIS_SERVER", "/usr/bin/redis-server", DEBIAN_PACKAGE);
	}

	private static RedisServer launch(List<String> extraArguments) {
		Path binary = binary();
		Path dir;
		try {
			dir = Files.createTempDirectory("redis-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		RedisServer server = new RedisServer(binary, dir, freePort(), extraArguments);
		server.restart();
		return server;
	}

	public int port() {
		return this.port;
	}

	public String host() {
		return HOST;
	}

	/** {@code redis://127.0.0.1:port}. */
	public String url() {
		return "redis://" + HOST + ":" + this.port;
	}

	/** Starts the (killed or never started) process on the same port and waits until it answers PING. */
	public synchronized void restart() {
		if (this.process != null && this.process.isAlive()) {
			throw new IllegalStateException("redis-server on port " + this.port + " is running");
		}
		List<String> line = new ArrayList<>(List.of(this.binary.toString(), "--port", Integer.toString(this.port),
				"--bind", HOST, "--save", "", "--appendonly", "no", "--dir", this.dir.toString(), "--repl-diskless-sync-delay", "0", "--logfile",
				this.dir.resolve("redis.log").toString(), "--daemonize", "no"));
		line.addAll(this.arguments);
		try {
			this.process = new ProcessBuilder(line).directory(this.dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(this.dir.resolve("stdout.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		awaitReady();
	}

	/** Stops the process with SIGKILL, as a crash would, and waits until it is gone. */
	public synchronized void kill() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		running.destroyForcibly();
		try {
			running.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Stops the process with SIGSTOP: its connections stay open but it answers nothing (a replica
	 * stops acknowledging, yet its primary counts it as connected until {@code min-replicas-max-lag}).
	 */
	public void freeze() {
		signal("STOP");
	}

	/** Resumes a {@link #freeze() frozen} process (SIGCONT). */
	public void thaw() {
		signal("CONT");
	}

	private synchronized void signal(String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(this.process.pid())).inheritIO()
				.start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill -" + signal + " failed for redis-server on port " + this.port);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/** Sends one command and returns its reply: a string, a {@code Long}, a list, or null. */
	public Object call(String... command) {
		return callInOrder(List.of(command)).get(0);
	}

	/** Sends commands one after the other on one connection and returns their replies. */
	@SafeVarargs
	public final List<Object> callInOrder(List<String>... commands) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, this.port), (int) REPLY_TIMEOUT.toMillis());
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
	 * Waits until this primary has {@code replicas} replicas online whose acknowledged offset is its
	 * own replication offset (so every write made so far is on them). On a replica with replicas of its
	 * own (chained replication) the offsets alone tell, since a replica takes no test write.
	 */
	public void awaitInSync(int replicas, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (true) {
			String info = (String) call("INFO", "replication");
			long offset = -1;
			int inSync = 0;
			List<Long> replicaOffsets = new ArrayList<>();
			for (String line : info.split("\r\n")) {
				if (line.startsWith("master_repl_offset:")) {
					offset = Long.parseLong(line.substring("master_repl_offset:".length()));
				}
				if (line.matches("slave\\d+:.*") && line.contains("state=online")) {
					String offsetField = line.replaceAll(".*offset=(\\d+).*", "$1");
					replicaOffsets.add(Long.parseLong(offsetField));
				}
			}
			for (long replicaOffset : replicaOffsets) {
				inSync += (replicaOffset >= offset) ? 1 : 0;
			}
			boolean chained = info.contains("role:slave");
			if (inSync >= replicas && (chained || acknowledgedByReplicas(replicas))) {
				return;
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("redis-server on port " + this.port + " has " + inSync + " of "
						+ replicas + " replicas in sync after " + timeout + ":\n" + info);
			}
			pause(Duration.ofMillis(50));
		}
	}

	/**
	 * Whether {@code replicas} replicas acknowledge a fresh write: "online" in INFO is not enough, a
	 * replica may still be loading what it was sent.
	 */
	private boolean acknowledgedByReplicas(int replicas) {
		try {
			List<Object> replies = callInOrder(List.of("SET", "fixture:sync", Long.toString(System.nanoTime())),
					List.of("WAIT", Integer.toString(replicas), "200"));
			return ((Long) replies.get(1)) >= replicas;
		}
		catch (IllegalStateException refused) {
			// NOREPLICAS: not yet.
			return false;
		}
	}

	@Override
	public void close() {
		Runtime.getRuntime().removeShutdownHook(this.killOnExit);
		kill();
		try (Stream<Path> paths = Files.walk(this.dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			// Best effort: a leftover temp directory is harmless.
		}
	}

	/** The server's log so far, for failure messages. */
	public String log() {
		try {
			Path log = this.dir.resolve("redis.log");
			return Files.exists(log) ? Files.readString(log) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	private void awaitReady() {
		Instant deadline = Instant.now().plus(READY_TIMEOUT);
		while (true) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("redis-server on port " + this.port + " exited with "
						+ this.process.exitValue() + ":\n" + log() + readQuietly(this.dir.resolve("stdout.log")));
			}
			try {
				if ("PONG".equals(call("PING"))) {
					return;
				}
			}
			catch (UncheckedIOException | IllegalStateException notYet) {
				// Not listening yet (or still loading).
			}
			if (Instant.now().isAfter(deadline)) {
				kill();
				throw new IllegalStateException(
						"redis-server on port " + this.port + " not ready after " + READY_TIMEOUT + ":\n" + log());
			}
			pause(Duration.ofMillis(20));
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Sleeps; an interrupt fails the test. */
	public static void pause(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String readQuietly(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	/** The few parts of RESP2 the fixture needs to talk to a server without a client library. */
	static final class Resp {

		private Resp() {
		}

		static byte[] encode(String... command) {
			StringBuilder out = new StringBuilder("*").append(command.length).append("\r\n");
			for (String part : command) {
				byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
				out.append('$').append(bytes.length).append("\r\n").append(part).append("\r\n");
			}
			return out.toString().getBytes(StandardCharsets.UTF_8);
		}

		static Object read(InputStream in) throws IOException {
			int type = in.read();
			String line = readLine(in);
			return switch (type) {
				case '+' -> line;
				case '-' -> throw new IllegalStateException("Redis error: " + line);
				case ':' -> Long.parseLong(line);
				case '$' -> {
					int length = Integer.parseInt(line);
					if (length < 0) {
						yield null;
					}
					byte[] bytes = in.readNBytes(length + 2);
					yield new String(bytes, 0, length, StandardCharsets.UTF_8);
				}
				case '*' -> {
					int count = Integer.parseInt(line);
					if (count < 0) {
						yield null;
					}
					List<Object> items = new ArrayList<>();
					for (int i = 0; i < count; i++) {
						items.add(read(in));
					}
					yield items;
				}
				default -> throw new IOException("Unexpected RESP type " + type);
			};
		}

		private static String readLine(InputStream in) throws IOException {
			StringBuilder line = new StringBuilder();
			int c;
			while ((c = in.read()) != '\r') {
				if (c < 0) {
					throw new IOException("Connection closed");
				}
				line.append((char) c);
			}
			in.read();
			return line.toString();
		}

	}

}
