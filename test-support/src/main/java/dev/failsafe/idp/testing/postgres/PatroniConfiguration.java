package dev.failsafe.idp.testing.postgres;

import java.nio.file.Path;
import java.util.List;

import dev.failsafe.idp.testing.network.Site;

/**
 * The {@code patroni.yml} of each member of a {@link PatroniCluster}: the settings its Javadoc
 * describes (quorum commit over every member, the failover timings, {@code check_timeline},
 * {@code pg_rewind}) and the passwords of the cluster's PostgreSQL roles, made once per cluster.
 */
final class PatroniConfiguration {

	private final List<String> names;

	private final List<String> etcdHosts;

	private final String cidr;

	private final Path binaries;

	private final String superPassword = PostgresCluster.newPassword();

	private final String replicationPassword = PostgresCluster.newPassword();

	private final String rewindPassword = PostgresCluster.newPassword();

	/**
	 * @param names every member's name
	 * @param etcdHosts etcd's {@code host:port}s
	 * @param cidr where members accept connections from
	 * @param binaries PostgreSQL's {@code bin} directory
	 */
	PatroniConfiguration(List<String> names, List<String> etcdHosts, String cidr, Path binaries) {
		this.names = List.copyOf(names);
		this.etcdHosts = List.copyOf(etcdHosts);
		this.cidr = cidr;
		this.binaries = binaries;
	}

	/** The password of PostgreSQL's superuser {@code postgres}. */
	String superPassword() {
		return this.superPassword;
	}

	/**
	 * The etcd members a member's Patroni talks to: those of the other places when etcd runs in the
	 * member's place too. Patroni 3.0 reads etcd without a quorum check, so a member cut off together
	 * with its place's etcd member keeps reading the view from before the cut (itself the leader) and,
	 * the moment the cut heals, overwrites the new leader's key with its own (it writes the key without
	 * a condition when its lease had to be renewed) and promotes itself. {@code use_proxies} keeps
	 * Patroni to this list (it otherwise adds every member etcd lists).
	 */
	private List<String> etcdHostsFor(Site site) {
		List<String> others = this.etcdHosts.stream().filter(host -> !host.startsWith(site.address() + ":")).toList();
		return others.isEmpty() ? this.etcdHosts : others;
	}

	/** Member {@code name}'s configuration, listening on {@code site}'s address, its files in {@code member}. */
	String render(String name, Site site, Path member) {
		String names = String.join(", ", this.names.stream().map(n -> "\"" + n + "\"").toList());
		return """
				scope: %s
				name: %s
				log:
				  level: INFO
				restapi:
				  listen: %s:%d
				  connect_address: %s:%d
				etcd3:
				  hosts: %s
				  use_proxies: true
				bootstrap:
				  dcs:
				    ttl: 5
				    loop_wait: 1
				    retry_timeout: 2
				    maximum_lag_on_failover: 1048576
				    check_timeline: true
				    synchronous_mode: false
				    postgresql:
				      use_pg_rewind: true
				      use_slots: true
				      parameters:
				        synchronous_commit: "on"
				        synchronous_standby_names: 'ANY 1 (%s)'
				        wal_log_hints: "on"
				        wal_sender_timeout: 5s
				        wal_receiver_timeout: 5s
				        wal_retrieve_retry_interval: 500ms
				        fsync: "off"
				  initdb:
				    - encoding: UTF8
				    - no-locale
				postgresql:
				  listen: %s:%d
				  connect_address: %s:%d
				  data_dir: %s
				  bin_dir: %s
				  pgpass: %s
				  authentication:
				    superuser: {username: postgres, password: "%s"}
				    replication: {username: replicator, password: "%s"}
				    rewind: {username: rewinder, password: "%s"}
				  parameters:
				    unix_socket_directories: '%s'
				  pg_hba:
				    - local all all scram-sha-256
				    - host replication replicator %s scram-sha-256
				    - host all all %s scram-sha-256
				tags:
				  nofailover: false
				  nosync: false
				""".formatted(PatroniCluster.SCOPE, name, site.address(), PatroniCluster.REST_PORT, site.address(),
				PatroniCluster.REST_PORT, String.join(",", etcdHostsFor(site)), names, site.address(), PatroniCluster.PORT,
				site.address(), PatroniCluster.PORT, member.resolve("data"), this.binaries, member.resolve("pgpass"),
				this.superPassword, this.replicationPassword, this.rewindPassword, member, this.cidr, this.cidr);
	}

}
