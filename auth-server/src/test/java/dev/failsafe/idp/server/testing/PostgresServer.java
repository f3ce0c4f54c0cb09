package dev.failsafe.idp.server.testing;

import dev.failsafe.idp.replication.testing.RequiredComponent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;


/**
 * A real PostgreSQL server for a test, started from the Debian package's binaries
 * ({@code /usr/lib/postgresql/<version>/bin}) in a fresh temporary directory on a free loopback port,
 * with one database owned by one password-authenticated user. {@link #close()} stops it and deletes
 * the directory.
 * <p>
 * PostgreSQL refuses to run as root, so as root the server runs as the {@code postgres} OS user that
 * the Debian package creates. Without the binaries a test is skipped, or fails when {@code CI=true}.
 * {@link #start()} is the one way in, so another source (say Testcontainers where a Docker engine
 * runs) can be added there without changing tests.
 */
public final class PostgresServer implements AutoCloseable {

	/** The Debian package that provides {@code initdb} and {@code pg_ctl}. */
	public static final String DEBIAN_PACKAGE = "postgresql";

	private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");

	private static final String OS_USER = "postgres";

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

	/** How long the server may take to accept connections ({@code pg_ctl --wait}). */
	private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

	private static final String DATABASE = "idp";

	private static final String USERNAME = "idp";

	private final String jdbcUrl;

	private final String password;

	private final Runnable stop;

	private final Thread stopOnExit;

	private PostgresServer(String jdbcUrl, String password, Runnable stop) {
		this.jdbcUrl = jdbcUrl;
		this.password = password;
		this.stop = stop;
		this.stopOnExit = new Thread(stop, "postgres-stop");
		Runtime.getRuntime().addShutdownHook(this.stopOnExit);
	}

	/** Starts a new, empty server, or skips the test (fails on CI) when PostgreSQL is not installed. */
	public static PostgresServer start() {
		return startFromBinaries(debianBinaries().orElseGet(PostgresServer::missingBinaries));
	}

	public String jdbcUrl() {
		return this.jdbcUrl;
	}

	public String username() {
		return USERNAME;
	}

	public String password() {
		return this.password;
	}

	@Override
	public void close() {
		Runtime.getRuntime().removeShutdownHook(this.stopOnExit);
		this.stop.run();
	}

	private static PostgresServer startFromBinaries(Path bin) {
		Path dir = createDirectory();
		try {
			String superPassword = UUID.randomUUID().toString().replace("-", "");
			Files.writeString(dir.resolve("pwfile"), superPassword);
			handToServerUser(dir, dir.resolve("pwfile"));
			run(dir, bin.resolve("initdb").toString(), "--pgdata=" + dir.resolve("data"), "--username=" + OS_USER,
					"--pwfile=" + dir.resolve("pwfile"), "--auth=scram-sha-256", "--encoding=UTF8", "--no-locale",
					"--no-sync");
			Files.delete(dir.resolve("pwfile"));

			int port = freePort();
			Files.writeString(dir.resolve("data/postgresql.conf"), """

					listen_addresses = '127.0.0.1'
					port = %d
					unix_socket_directories = '%s'
					fsync = off
					synchronous_commit = off
					full_page_writes = off
					""".formatted(port, dir), StandardOpenOption.APPEND);
			run(dir, bin.resolve("pg_ctl").toString(), "--pgdata=" + dir.resolve("data"),
					"--log=" + dir.resolve("server.log"), "--wait", "--timeout=" + READY_TIMEOUT.toSeconds(),
					"start");
			String password = UUID.randomUUID().toString().replace("-", "");
			try (Connection admin = DriverManager.getConnection(
					"jdbc:postgresql://127.0.0.1:" + port + "/postgres", OS_USER, superPassword);
					Statement sql = admin.createStatement()) {
				sql.execute("CREATE ROLE " + USERNAME + " LOGIN PASSWORD '" + password + "'");
				sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + USERNAME);
			}
			return new PostgresServer("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE, password,
					() -> stop(bin, dir));
		}
		catch (IOException | SQLException | RuntimeException ex) {
			String log = readQuietly(dir.resolve("server.log"));
			try {
				stop(bin, dir);
			}
			catch (RuntimeException cleanup) {
				ex.addSuppressed(cleanup);
			}
			throw new IllegalStateException("PostgreSQL did not start" + (log.isEmpty() ? "" : "; its log:\n" + log),
					ex);
		}
	}

	private static void stop(Path bin, Path dir) {
		try {
			if (Files.exists(dir.resolve("data/postmaster.pid"))) {
				run(dir, bin.resolve("pg_ctl").toString(), "--pgdata=" + dir.resolve("data"), "--mode=immediate",
						"--wait", "stop");
			}
		}
		finally {
			delete(dir);
		}
	}

	/** The newest installed major version's {@code bin} folder, if any. */
	private static Optional<Path> debianBinaries() {
		if (!Files.isDirectory(DEBIAN_VERSIONS)) {
			return Optional.empty();
		}
		try (Stream<Path> versions = Files.list(DEBIAN_VERSIONS)) {
			return versions.map(version -> version.resolve("bin"))
				.filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
				.max(Comparator.comparing((Path bin) -> majorVersion(bin.getParent())));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int majorVersion(Path versionDir) {
		try {
			return Integer.parseInt(versionDir.getFileName().toString());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static Path missingBinaries() {
		String message = "PostgreSQL server binaries not found under " + DEBIAN_VERSIONS
				+ "/*/bin: install the Debian package '" + DEBIAN_PACKAGE + "' (apt-get install -y " + DEBIAN_PACKAGE
				+ ")";
		return RequiredComponent.missing(message);
	}

	private static boolean runningAsRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static Path createDirectory() {
		try {
			Path dir = Files.createTempDirectory("postgres-");
			handToServerUser(dir);
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** As root, gives the server's OS user the paths it must own (initdb insists on its own folder). */
	private static void handToServerUser(Path... paths) throws IOException {
		if (!runningAsRoot()) {
			return;
		}
		UserPrincipal owner;
		try {
			owner = paths[0].getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Running as root, PostgreSQL needs the OS user '" + OS_USER
					+ "' that the Debian package '" + DEBIAN_PACKAGE + "' creates", ex);
		}
		for (Path path : paths) {
			Files.setOwner(path, owner);
		}
	}

	/** Runs a PostgreSQL command (as the server's OS user when root) and fails with its output. */
	private static void run(Path dir, String... command) {
		List<String> line = new ArrayList<>();
		if (runningAsRoot()) {
			line.addAll(List.of("runuser", "-u", OS_USER, "--"));
		}
		line.addAll(List.of(command));
		Path output = dir.resolve("command.log");
		try {
			Process process = new ProcessBuilder(line).directory(dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(line + " did not finish within " + COMMAND_TIMEOUT);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(
						line + " exited with " + process.exitValue() + ":\n" + readQuietly(output));
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

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
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

	private static void delete(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete " + dir, ex);
		}
	}

}
