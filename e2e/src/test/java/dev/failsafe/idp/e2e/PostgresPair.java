package dev.failsafe.idp.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import dev.failsafe.idp.replication.testing.RequiredComponent;

/**
 * The directory's PostgreSQL (Debian's binaries): a primary in site A and a streaming replica in
 * site B that site B's provider reads from. PostgreSQL refuses to run as root, so every server
 * command runs as the {@code postgres} OS user the Debian package creates; each server runs inside
 * its site's network namespace, listening only on the site's address (no Unix socket, so the two
 * cannot meet on the shared file system).
 */
final class PostgresPair {

	static final int PORT = 5432;

	static final String DATABASE = "idp";

	static final String USERNAME = "idp";

	private static final String OS_USER = "postgres";

	private final Path bin;

	private final Path dir;

	private final String password = UUID.randomUUID().toString().replace("-", "");

	private final String replicationPassword = UUID.randomUUID().toString().replace("-", "");

	private PostgresPair(Path bin, Path dir) {
		this.bin = bin;
		this.dir = dir;
	}

	/** Starts the primary at {@code primarySite} and its replica at {@code replicaSite}. */
	static PostgresPair start(Path runDir, Site primarySite, Site replicaSite, String subnetCidr)
			throws IOException, InterruptedException {
		PostgresPair pair = new PostgresPair(binaries(), runDir.resolve("postgres"));
		pair.startPrimary(primarySite, subnetCidr);
		pair.startReplica(primarySite, replicaSite);
		return pair;
	}

	String password() {
		return this.password;
	}

	static String jdbcUrl(Site site) {
		return "jdbc:postgresql://" + site.address() + ":" + PORT + "/" + DATABASE;
	}

	private void startPrimary(Site site, String subnetCidr) throws IOException, InterruptedException {
		Files.createDirectories(this.dir);
		Path data = this.dir.resolve("a");
		Path superPassword = this.dir.resolve("pwfile");
		String superSecret = UUID.randomUUID().toString().replace("-", "");
		Files.writeString(superPassword, superSecret);
		handToServerUser(this.dir);
		asServerUser(List.of(), this.bin.resolve("initdb").toString(), "--pgdata=" + data, "--username=" + OS_USER,
				"--pwfile=" + superPassword, "--auth=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-sync");
		Files.delete(superPassword);
		Files.writeString(data.resolve("postgresql.conf"), """

				listen_addresses = '%s'
				port = %d
				unix_socket_directories = ''
				fsync = off
				full_page_writes = off
				wal_level = replica
				max_wal_senders = 5
				hot_standby = on
				""".formatted(site.address(), PORT), StandardOpenOption.APPEND);
		Files.writeString(data.resolve("pg_hba.conf"), """
				host all all %s scram-sha-256
				host replication replicator %s scram-sha-256
				""".formatted(subnetCidr, subnetCidr), StandardOpenOption.APPEND);
		startServer(site, data);
		try (Connection admin = DriverManager.getConnection(
				"jdbc:postgresql://" + site.address() + ":" + PORT + "/postgres", OS_USER, superSecret);
				Statement sql = admin.createStatement()) {
			sql.execute("CREATE ROLE replicator REPLICATION LOGIN PASSWORD '" + this.replicationPassword + "'");
			sql.execute("CREATE ROLE " + USERNAME + " LOGIN PASSWORD '" + this.password + "'");
			sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + USERNAME);
		}
		catch (SQLException ex) {
			throw new IOException("could not prepare the primary", ex);
		}
	}

	private void startReplica(Site primary, Site site) throws IOException, InterruptedException {
		Path data = this.dir.resolve("b");
		asServerUser(site.launcher(), "env", "PGPASSWORD=" + this.replicationPassword,
				this.bin.resolve("pg_basebackup").toString(), "--host=" + primary.address(), "--port=" + PORT,
				"--username=replicator", "--pgdata=" + data, "--wal-method=stream", "--checkpoint=fast",
				"--write-recovery-conf",
				"--no-sync");
		// The copied configuration listens on the primary's address: later lines win.
		Files.writeString(data.resolve("postgresql.conf"), "\nlisten_addresses = '%s'\n".formatted(site.address()),
				StandardOpenOption.APPEND);
		Files.writeString(data.resolve("postgresql.auto.conf"),
				"\nprimary_conninfo = 'host=%s port=%d user=replicator password=%s'\n".formatted(primary.address(),
						PORT, this.replicationPassword),
				StandardOpenOption.APPEND);
		startServer(site, data);
	}

	private void startServer(Site site, Path data) throws IOException, InterruptedException {
		asServerUser(site.launcher(), this.bin.resolve("pg_ctl").toString(), "--pgdata=" + data,
				"--log=" + data.resolveSibling(data.getFileName() + ".log"), "--wait", "--timeout=30", "start");
	}

	/** Waits until the replica has replayed everything the primary has written so far. */
	void awaitReplicaCaughtUp(Site primary, Site replica, Duration timeout) throws SQLException, InterruptedException {
		String lsn;
		try (Connection connection = DriverManager.getConnection(jdbcUrl(primary), USERNAME, this.password);
				Statement sql = connection.createStatement();
				var result = sql.executeQuery("SELECT pg_current_wal_lsn()::text")) {
			result.next();
			lsn = result.getString(1);
		}
		Instant deadline = Instant.now().plus(timeout);
		while (true) {
			try (Connection connection = DriverManager.getConnection(jdbcUrl(replica), USERNAME, this.password);
					Statement sql = connection.createStatement();
					var result = sql.executeQuery(
							"SELECT pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn")) {
				result.next();
				if (result.getBoolean(1)) {
					return;
				}
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("the PostgreSQL replica did not catch up within " + timeout);
			}
			Thread.sleep(100);
		}
	}

	/** Stops what is still running (a killed site's server is gone already) and deletes the files. */
	void close() throws InterruptedException {
		for (String name : List.of("a", "b")) {
			Path data = this.dir.resolve(name);
			if (Files.exists(data.resolve("postmaster.pid"))) {
				try {
					asServerUser(List.of(), this.bin.resolve("pg_ctl").toString(), "--pgdata=" + data,
							"--mode=immediate", "--wait", "stop");
				}
				catch (IOException ex) {
					// Already dead (killed with its site): nothing to stop.
				}
			}
		}
	}

	private static void asServerUser(List<String> launcher, String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>(launcher);
		boolean root = "root".equals(System.getProperty("user.name"));
		if (root) {
			line.addAll(List.of("runuser", "-u", OS_USER, "--"));
		}
		line.addAll(List.of(command));
		Path output = Files.createTempFile("pg-command", ".out");
		Files.setPosixFilePermissions(output, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
		try {
			Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile()).start();
			if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException(String.join(" ", line) + " did not finish");
			}
			if (process.exitValue() != 0) {
				throw new IOException(String.join(" ", line) + " failed: " + Files.readString(output));
			}
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	/** The server user must own its directory and reach it through its parents (world-traversable above the run). */
	private static void handToServerUser(Path dir) throws IOException, InterruptedException {
		if (!"root".equals(System.getProperty("user.name"))) {
			return;
		}
		// The run's directory is private to its creator (a temporary directory): open it for traversal.
		for (Path path : List.of(dir.getParent(), dir)) {
			Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		Process chown = new ProcessBuilder("chown", "-R", OS_USER + ":" + OS_USER, dir.toString()).inheritIO().start();
		if (chown.waitFor() != 0) {
			throw new IOException("chown " + dir + " failed");
		}
	}

	private static Path binaries() throws IOException {
		Path versions = Path.of("/usr/lib/postgresql");
		if (Files.isDirectory(versions)) {
			try (Stream<Path> found = Files.list(versions)) {
				var bin = found.map(version -> version.resolve("bin"))
					.filter(path -> Files.isExecutable(path.resolve("pg_basebackup")))
					.max(Comparator.naturalOrder());
				if (bin.isPresent()) {
					return bin.get();
				}
			}
		}
		return RequiredComponent.missing("PostgreSQL binaries are missing: install the Debian package 'postgresql'");
	}

}
