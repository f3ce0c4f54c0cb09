package dev.failsafe.idp.testing.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import dev.failsafe.idp.testing.Wait;
import dev.failsafe.idp.testing.network.Site;

/**
 * A directory's PostgreSQL in two sites ({@link PostgresCluster}: Debian's binaries): a primary in
 * one site and a streaming replica in another that the second site's provider reads from. Each
 * server runs inside its site's network namespace, listening only on the site's address on
 * {@value #PORT} (no Unix socket, so the two cannot meet on the shared file system); its files and
 * log stay in the run's directory.
 */
public final class PostgresPair {

	public static final int PORT = 5432;

	public static final String DATABASE = "idp";

	public static final String USERNAME = "idp";

	private final PostgresCluster primary;

	private final PostgresCluster replica;

	private final String password = PostgresCluster.newPassword();

	private final String replicationPassword = PostgresCluster.newPassword();

	private PostgresPair(Path dir) {
		this.primary = PostgresCluster.at(dir.resolve("a"));
		this.replica = PostgresCluster.at(dir.resolve("b"));
	}

	/**
	 * Starts the primary at {@code primarySite} and its replica at {@code replicaSite}, in
	 * {@code runDir/postgres}; both accept connections from {@code subnetCidr}.
	 */
	public static PostgresPair start(Path runDir, Site primarySite, Site replicaSite, String subnetCidr)
			throws IOException, InterruptedException {
		Path dir = Files.createDirectories(runDir.resolve("postgres"));
		PostgresCluster.handToServerUser(dir);
		PostgresPair pair = new PostgresPair(dir);
		pair.startPrimary(primarySite, subnetCidr);
		pair.startReplica(primarySite, replicaSite);
		return pair;
	}

	/** The password of {@value #USERNAME}, the provider's role. */
	public String password() {
		return this.password;
	}

	public static String jdbcUrl(Site site) {
		return "jdbc:postgresql://" + site.address() + ":" + PORT + "/" + DATABASE;
	}

	private void startPrimary(Site site, String subnetCidr) throws IOException, InterruptedException {
		String superPassword = this.primary.init();
		this.primary.configure("""
				listen_addresses = '%s'
				port = %d
				unix_socket_directories = ''
				fsync = off
				full_page_writes = off
				wal_level = replica
				max_wal_senders = 5
				hot_standby = on
				""".formatted(site.address(), PORT)).allow("""
				host all all %s scram-sha-256
				host replication replicator %s scram-sha-256
				""".formatted(subnetCidr, subnetCidr));
		this.primary.start(site);
		try {
			PostgresCluster.execute("jdbc:postgresql://" + site.address() + ":" + PORT + "/postgres", superPassword,
					"CREATE ROLE replicator REPLICATION LOGIN PASSWORD '" + this.replicationPassword + "'",
					"CREATE ROLE " + USERNAME + " LOGIN PASSWORD '" + this.password + "'",
					"CREATE DATABASE " + DATABASE + " OWNER " + USERNAME);
		}
		catch (SQLException ex) {
			throw new IOException("could not prepare the primary", ex);
		}
	}

	private void startReplica(Site primarySite, Site site) throws IOException, InterruptedException {
		this.replica.run(site, "pg_basebackup", "--dbname=host=" + primarySite.address() + " port=" + PORT
				+ " user=replicator password=" + this.replicationPassword, "--pgdata=" + this.replica.data(),
				"--wal-method=stream", "--checkpoint=fast", "--write-recovery-conf", "--no-sync");
		// The copied configuration listens on the primary's address: later lines win.
		this.replica.configure("listen_addresses = '%s'\n".formatted(site.address()));
		Files.writeString(this.replica.data().resolve("postgresql.auto.conf"),
				"\nprimary_conninfo = 'host=%s port=%d user=replicator password=%s'\n".formatted(primarySite.address(),
						PORT, this.replicationPassword),
				java.nio.file.StandardOpenOption.APPEND);
		this.replica.start(site);
	}

	/** Waits until the replica has replayed everything the primary has written so far. */
	public void awaitReplicaCaughtUp(Site primarySite, Site replicaSite, Duration timeout) throws SQLException {
		String lsn;
		try (Connection connection = DriverManager.getConnection(jdbcUrl(primarySite), USERNAME, this.password);
				Statement sql = connection.createStatement();
				var result = sql.executeQuery("SELECT pg_current_wal_lsn()::text")) {
			result.next();
			lsn = result.getString(1);
		}
		Wait.until("the PostgreSQL replica catching up", timeout, Duration.ofMillis(100), () -> {
			try (Connection connection = DriverManager.getConnection(jdbcUrl(replicaSite), USERNAME, this.password);
					Statement sql = connection.createStatement();
					var result = sql.executeQuery("SELECT pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn")) {
				result.next();
				return result.getBoolean(1);
			}
		}, this.replica::log);
	}

	/** Stops what is still running (a killed site's server is gone already). */
	public void close() throws InterruptedException {
		for (PostgresCluster cluster : new PostgresCluster[] { this.primary, this.replica }) {
			try {
				cluster.stop();
			}
			catch (IOException ex) {
				// Already dead (killed with its site): nothing to stop.
			}
		}
	}

}
