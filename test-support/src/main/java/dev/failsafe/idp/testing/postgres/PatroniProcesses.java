package dev.failsafe.idp.testing.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.failsafe.idp.testing.Command;
import dev.failsafe.idp.testing.LoggedProcess;
import dev.failsafe.idp.testing.network.Site;

/**
 * The running Patroni processes of a {@link PatroniCluster}, one per member: each runs inside its
 * site's namespace as the {@code postgres} OS user, its configuration, data and log in a directory of
 * its own under the cluster's.
 */
final class PatroniProcesses implements AutoCloseable {

	private final Path dir;

	private final PatroniConfiguration configuration;

	private final Map<String, LoggedProcess> running = new ConcurrentHashMap<>();

	PatroniProcesses(Path dir, PatroniConfiguration configuration) {
		this.dir = dir;
		this.configuration = configuration;
	}

	/** Starts member {@code name} in {@code site} (again, after a kill: it rejoins as a standby, rewound if need be). */
	void start(String name, Site site) throws IOException {
		Path member = Files.createDirectories(this.dir.resolve(name));
		Path config = member.resolve("patroni.yml");
		Files.writeString(config, this.configuration.render(name, site, member));
		PostgresCluster.handToServerUser(member);
		List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + PostgresCluster.OS_USER,
				"--regid=" + PostgresCluster.OS_USER, "--init-groups", "/usr/bin/patroni", config.toString()));
		if (!Command.runningAsRoot()) {
			command = new ArrayList<>(List.of("/usr/bin/patroni", config.toString()));
		}
		this.running.put(name, LoggedProcess.start("patroni-" + name, site.command(command),
				Map.of("HOME", member.toString()), member.resolve("patroni.log")));
	}

	/**
	 * SIGKILL of member {@code name}'s Patroni and its PostgreSQL, as a crash would. Patroni detaches
	 * the postmaster (its parent is init, not Patroni), so the postmaster is found by its
	 * {@code postmaster.pid}.
	 */
	void kill(String name) {
		LoggedProcess process = this.running.remove(name);
		if (process != null) {
			List<ProcessHandle> tree = new ArrayList<>(process.process().descendants().toList());
			tree.forEach(ProcessHandle::destroyForcibly);
			process.kill();
			postmaster(name).ifPresent(postmaster -> {
				tree.add(postmaster);
				tree.addAll(postmaster.descendants().toList());
			});
			tree.forEach(ProcessHandle::destroyForcibly);
			tree.forEach(child -> child.onExit().join());
		}
	}

	/** The end of member {@code name}'s Patroni log (PostgreSQL's is in it). */
	String log(String name) {
		LoggedProcess process = this.running.get(name);
		return (process != null) ? process.logTail(30) : name + ": not running";
	}

	/** Kills every member still running. */
	@Override
	public void close() {
		List.copyOf(this.running.keySet()).forEach(this::kill);
	}

	/** Member {@code name}'s running postmaster, by the first line of its {@code postmaster.pid}. */
	private Optional<ProcessHandle> postmaster(String name) {
		Path pidFile = this.dir.resolve(name).resolve("data").resolve("postmaster.pid");
		try {
			String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
			return first.matches("\\d+") ? ProcessHandle.of(Long.parseLong(first))
				.filter(handle -> handle.info().command().map(command -> command.endsWith("/postgres")).orElse(false))
					: Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

}
