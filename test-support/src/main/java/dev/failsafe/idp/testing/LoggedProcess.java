package dev.failsafe.idp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A long-running process a test starts (a server, a proxy, the provider), its standard output and
 * error appended to a log file that outlives it, so a failure can show what it said. {@link #kill()}
 * is SIGKILL, as a crash; {@link #stop(Duration)} asks first (SIGTERM); {@link #signal} sends any
 * other signal (SIGSTOP freezes it with its connections open).
 *
 * @param name a name for messages
 * @param log the file its output goes to
 * @param process the process
 */
public record LoggedProcess(String name, Path log, Process process) implements AutoCloseable {

	/**
	 * Starts {@code line} (a launcher such as {@code ip netns exec <namespace>} first, if any) with
	 * {@code environment} added to this JVM's, appending its output to {@code log}.
	 */
	public static LoggedProcess start(String name, List<String> line, Map<String, String> environment, Path log) {
		try {
			Files.createDirectories(log.toAbsolutePath().getParent());
			ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			builder.environment().putAll(environment);
			return new LoggedProcess(name, log, builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start " + name + ": " + String.join(" ", line), ex);
		}
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** SIGKILL: no shutdown hook, nothing flushed, as when a machine dies; waits until it is gone. */
	public void kill() {
		this.process.destroyForcibly();
		awaitExit(Duration.ofSeconds(30));
	}

	/** SIGTERM (it may write what it must, a Flight Recorder file, say), SIGKILL after {@code grace}. */
	public void stop(Duration grace) {
		this.process.destroy();
		if (!awaitExit(grace)) {
			kill();
		}
	}

	/** Sends {@code signal} ({@code STOP}, {@code CONT}, ...) with {@code kill}. */
	public void signal(String signal) {
		try {
			Command.of("kill", "-" + signal, Long.toString(pid())).within(Duration.ofSeconds(10)).run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The last {@code lines} lines of its output, headed by its name, for failure messages. */
	public String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log);
			return this.name + ":\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return this.name + ": no log (" + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		kill();
	}

	private boolean awaitExit(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
