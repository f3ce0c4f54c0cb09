package dev.failsafe.idp.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One process of the deployment, started in a site's network namespace (or the host's, for the
 * witness, the load balancer and the partner), its output in {@code <name>.log} in the run's
 * directory.
 */
final class Launched {

	private final String name;

	private final Path log;

	private final Process process;

	private Launched(String name, Path log, Process process) {
		this.name = name;
		this.log = log;
		this.process = process;
	}

	/** Runs {@code command} behind {@code launcher} (such as {@code ip netns exec <namespace>}). */
	static Launched start(String name, List<String> launcher, List<String> command, Map<String, String> environment,
			Path logDir) {
		List<String> line = new ArrayList<>(launcher);
		line.addAll(command);
		Path log = logDir.resolve(name + ".log");
		ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(environment);
		try {
			return new Launched(name, log, builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start " + name, ex);
		}
	}

	String name() {
		return this.name;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** SIGKILL, and wait until it is gone. */
	void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The last lines of its output, for failure messages. */
	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return this.name + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
		}
		catch (IOException ex) {
			return this.name + ": no log";
		}
	}

}
