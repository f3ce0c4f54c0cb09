package dev.failsafe.idp.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A short-lived command a fixture runs and waits for ({@code ip link add ...}, {@code initdb},
 * {@code pg_ctl start}): optionally behind a launcher (such as {@code ip netns exec <namespace>}) and
 * as another OS user (through {@code runuser} when the test runs as root), bounded in time. It
 * answers the command's output, or throws {@link IOException} with that output when the command
 * fails or overruns. Immutable: each {@code with...} answers a copy.
 */
public final class Command {

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	private final List<String> launcher;

	private final String user;

	private final List<String> words;

	private final Duration timeout;

	private Command(List<String> launcher, String user, List<String> words, Duration timeout) {
		this.launcher = List.copyOf(launcher);
		this.user = user;
		this.words = List.copyOf(words);
		this.timeout = timeout;
	}

	public static Command of(String... words) {
		return of(List.of(words));
	}

	public static Command of(List<String> words) {
		return new Command(List.of(), null, words, DEFAULT_TIMEOUT);
	}

	/** Runs it behind {@code launcher}, e.g. {@code ip netns exec <namespace>} (empty: directly). */
	public Command via(List<String> launcher) {
		return new Command(launcher, this.user, this.words, this.timeout);
	}

	/** Runs it as {@code osUser} when the test runs as root (as itself otherwise). */
	public Command as(String osUser) {
		return new Command(this.launcher, osUser, this.words, this.timeout);
	}

	public Command within(Duration timeout) {
		return new Command(this.launcher, this.user, this.words, timeout);
	}

	/** The whole command line it runs. */
	public List<String> line() {
		List<String> line = new ArrayList<>(this.launcher);
		if (this.user != null && runningAsRoot()) {
			line.addAll(List.of("runuser", "-u", this.user, "--"));
		}
		line.addAll(this.words);
		return line;
	}

	/** Runs it to the end; answers its output (standard output and error). */
	public String run() throws IOException, InterruptedException {
		List<String> line = line();
		Path output = Files.createTempFile("command", ".out");
		try {
			Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile()).start();
			if (!process.waitFor(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IOException(String.join(" ", line) + " did not finish within " + this.timeout + ": "
						+ Files.readString(output).strip());
			}
			String text = Files.readString(output);
			if (process.exitValue() != 0) {
				throw new IOException(String.join(" ", line) + " exited with " + process.exitValue() + ": " + text.strip());
			}
			return text;
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	/** Runs it, ignoring a failure (to undo what may never have been made). */
	public void runQuietly() throws InterruptedException {
		try {
			run();
		}
		catch (IOException ex) {
			// Already gone, or never made: nothing to undo.
		}
	}

	/** Whether the tests run as root (then servers that refuse root run as their own OS user). */
	public static boolean runningAsRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

}
