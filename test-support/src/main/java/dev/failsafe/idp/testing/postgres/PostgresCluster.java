package dev.failsafe.idp.testing.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import dev.failsafe.idp.testing.Command;
import dev.failsafe.idp.testing.RequiredComponent;
import dev.failsafe.idp.testing.network.Site;

/**
 * One PostgreSQL data directory (a "database cluster") run with the Debian package's binaries
 * ({@code /usr/lib/postgresql/<version>/bin}, the newest): {@code initdb}, settings appended to
 * {@code postgresql.conf} and {@code pg_hba.conf}, {@code pg_ctl start} in a site (a network
 * namespace, or the host), {@code pg_ctl stop}. PostgreSQL refuses to run as root, so as root every
 * server command runs as the {@value #OS_USER} OS user the Debian package creates, and the files
 * are handed to it. Without the binaries a test is skipped, or fails when {@code CI=true}.
 */
public final class PostgresCluster {

	/** The Debian package that provides the server binaries. */
	public static final String DEBIAN_PACKAGE = "postgresql";

	/** The OS user the server runs as when the tests run as root. */
	public static final String OS_USER = "postgres";

	private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");

	/** How long the server may take to accept connections ({@code pg_ctl --wait}). */
	private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

	private final Path bin;

	private final Path data;

	private PostgresCluster(Path bin, Path data) {
		this.bin = bin;
		this.data = data;
	}

	/** The data directory {@code data} (not created yet), run with the installed binaries. */
	public static PostgresCluster at(Path data) {
		return new PostgresCluster(binaries(), data);
	}

	/**
	 * Creates the data directory with {@code initdb}: superuser {@value #OS_USER} with a new random
	 * password (answered), SCRAM authentication, UTF-8, no locale. Its parent must be the server's
	 * (see {@link #handToServerUser}).
	 */
	public String init() throws IOException, InterruptedException {
		Path passwordFile = this.data.resolveSibling(this.data.getFileName() + ".pwfile");
		String password = newPassword();
		Files.writeString(passwordFile, password);
		handToServerUser(passwordFile);
		try {
			server(List.of(), "initdb", "--pgdata=" + this.data, "--username=" + OS_USER, "--pwfile=" + passwordFile,
					"--auth=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-sync");
		}
		finally {
			Files.deleteIfExists(passwordFile);
		}
		return password;
	}

	/** Appends {@code settings} to {@code postgresql.conf} (later lines win). */
	public PostgresCluster configure(String settings) throws IOException {
		Files.writeString(this.data.resolve("postgresql.conf"), "\n" + settings, StandardOpenOption.APPEND);
		return this;
	}

	/** Appends {@code rules} to {@code pg_hba.conf}. */
	public PostgresCluster allow(String rules) throws IOException {
		Files.writeString(this.data.resolve("pg_hba.conf"), rules, StandardOpenOption.APPEND);
		return this;
	}

	/** Starts the server in {@code site} and waits until it accepts connections; its log beside the data. */
	public void start(Site site) throws IOException, InterruptedException {
		server(site.launcher(), "pg_ctl", "--pgdata=" + this.data, "--log=" + logFile(), "--wait",
				"--timeout=" + READY_TIMEOUT.toSeconds(), "start");
	}

	/** Stops a running server at once ({@code --mode=immediate}); nothing to do if it is not running. */
	public void stop() throws IOException, InterruptedException {
		if (Files.exists(this.data.resolve("postmaster.pid"))) {
			server(List.of(), "pg_ctl", "--pgdata=" + this.data, "--mode=immediate", "--wait", "stop");
		}
	}

	/** Runs {@code program} of the server's binaries in {@code site} as the server's OS user. */
	public String run(Site site, String program, String... arguments) throws IOException, InterruptedException {
		return server(site.launcher(), program, arguments);
	}

	/** The data directory. */
	public Path data() {
		return this.data;
	}

	/** The server's log so far (empty if none), for failure messages. */
	public String log() {
		try {
			return Files.exists(logFile()) ? Files.readString(logFile()) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	private Path logFile() {
		return this.data.resolveSibling(this.data.getFileName() + ".log");
	}

	/** Runs SQL statements as the superuser over JDBC. */
	public static void execute(String jdbcUrl, String superPassword, String... statements) throws SQLException {
		try (Connection admin = DriverManager.getConnection(jdbcUrl, OS_USER, superPassword);
				Statement sql = admin.createStatement()) {
			for (String statement : statements) {
				sql.execute(statement);
			}
		}
	}

	/** A random password for a role. */
	public static String newPassword() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	/**
	 * As root, gives {@code directory} and everything in it to the server's OS user, and lets it
	 * traverse the parent (a private temporary directory, say); as anyone else, nothing to do.
	 */
	public static void handToServerUser(Path directory) throws IOException {
		if (!Command.runningAsRoot()) {
			return;
		}
		UserPrincipal owner;
		try {
			owner = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Running as root, PostgreSQL needs the OS user '" + OS_USER
					+ "' that the Debian package '" + DEBIAN_PACKAGE + "' creates", ex);
		}
		Path parent = directory.toAbsolutePath().getParent();
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(parent);
		if (permissions.addAll(Set.of(PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE))) {
			Files.setPosixFilePermissions(parent, permissions);
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.toList()) {
				Files.setOwner(path, owner);
			}
		}
	}

	private String server(List<String> launcher, String program, String... arguments)
			throws IOException, InterruptedException {
		List<String> words = Stream.concat(Stream.of(this.bin.resolve(program).toString()), Stream.of(arguments))
			.toList();
		return Command.of(words).via(launcher).as(OS_USER).within(Duration.ofSeconds(60)).run();
	}

	/** The newest installed major version's {@code bin} folder, or a skip (a failure on CI). */
	static Path binaries() {
		return newestBinaries().orElseGet(() -> RequiredComponent.missing("PostgreSQL server binaries not found under "
				+ DEBIAN_VERSIONS + "/*/bin: install the Debian package '" + DEBIAN_PACKAGE + "' (apt-get install -y "
				+ DEBIAN_PACKAGE + ")"));
	}

	private static Optional<Path> newestBinaries() {
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

}
