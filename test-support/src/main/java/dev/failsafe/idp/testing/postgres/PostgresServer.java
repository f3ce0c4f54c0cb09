package dev.failsafe.idp.testing.postgres;

import java.nio.file.Path;

import dev.failsafe.idp.testing.Directories;
import dev.failsafe.idp.testing.Ports;
import dev.failsafe.idp.testing.network.Site;

/**
 * A real PostgreSQL server for a test ({@link PostgresCluster}: the Debian package's binaries) in a
 * fresh temporary directory on a free loopback port, with one database owned by one
 * password-authenticated user. {@link #close()} stops it and deletes the directory. Without the
 * binaries a test is skipped, or fails when {@code CI=true}. {@link #start()} is the one way in, so
 * another source (say Testcontainers where a Docker engine runs) can be added there without
 * changing tests.
 */
public final class PostgresServer implements AutoCloseable {

	/** The Debian package that provides {@code initdb} and {@code pg_ctl}. */
	public static final String DEBIAN_PACKAGE = PostgresCluster.DEBIAN_PACKAGE;

	private static final String DATABASE = "idp";

	private static final String USERNAME = "idp";

	private final String jdbcUrl;

	private final String password;

	private final PostgresCluster cluster;

	private final Path dir;

	private final Thread stopOnExit;

	private PostgresServer(String jdbcUrl, String password, PostgresCluster cluster, Path dir) {
		this.jdbcUrl = jdbcUrl;
		this.password = password;
		this.cluster = cluster;
		this.dir = dir;
		this.stopOnExit = new Thread(this::stop, "postgres-stop");
		Runtime.getRuntime().addShutdownHook(this.stopOnExit);
	}

	/** Starts a new, empty server, or skips the test (fails on CI) when PostgreSQL is not installed. */
	public static PostgresServer start() {
		Path dir = Directories.createTemp("postgres-");
		PostgresCluster cluster = PostgresCluster.at(dir.resolve("data"));
		try {
			PostgresCluster.handToServerUser(dir);
			String superPassword = cluster.init();
			int port = Ports.free();
			cluster.configure("""
					listen_addresses = '127.0.0.1'
					port = %d
					unix_socket_directories = '%s'
					fsync = off
					synchronous_commit = off
					full_page_writes = off
					""".formatted(port, dir));
			cluster.start(Site.loopback());
			String password = PostgresCluster.newPassword();
			PostgresCluster.execute("jdbc:postgresql://127.0.0.1:" + port + "/postgres", superPassword,
					"CREATE ROLE " + USERNAME + " LOGIN PASSWORD '" + password + "'",
					"CREATE DATABASE " + DATABASE + " OWNER " + USERNAME);
			return new PostgresServer("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE, password, cluster, dir);
		}
		catch (Exception ex) {
			String log = cluster.log();
			stop(cluster, dir);
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			throw new IllegalStateException("PostgreSQL did not start" + (log.isEmpty() ? "" : "; its log:\n" + log),
					ex);
		}
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
		stop();
	}

	private void stop() {
		stop(this.cluster, this.dir);
	}

	private static void stop(PostgresCluster cluster, Path dir) {
		try {
			cluster.stop();
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			// Already stopped: the directory goes anyway.
		}
		finally {
			Directories.deleteQuietly(dir);
		}
	}

}
