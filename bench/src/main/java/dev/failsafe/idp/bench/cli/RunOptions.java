package dev.failsafe.idp.bench.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/**
 * The options of every run that starts the packaged provider and measures it in steps (a picocli
 * mixin). Each command creates it with its own defaults, which {@code --help} shows.
 */
public final class RunOptions {

	@Option(names = "--jar", paramLabel = "FILE", description = "The packaged provider (auth-server/target/auth-server.jar); required.")
	private Path jar;

	@Option(names = "--provider-arg", paramLabel = "--NAME=VALUE",
			description = "A further setting for the provider (repeatable), e.g. --provider-arg=--idp.crypto.provider=jdk.")
	private List<String> providerArguments = new ArrayList<>();

	@Option(names = "--work-dir", paramLabel = "DIR", description = "Where data directories, logs and recordings go (default ${DEFAULT-VALUE}).")
	private Path workDir;

	@Option(names = "--report", paramLabel = "FILE", description = "Where the JSON report is written (default ${DEFAULT-VALUE}).")
	private Path report;

	@Option(names = "--warm-up", paramLabel = "SECONDS", description = "How long each step runs before it is measured (default ${DEFAULT-VALUE} s).")
	private long warmUpSeconds;

	@Option(names = "--measure", paramLabel = "SECONDS", description = "How long each step is measured (default ${DEFAULT-VALUE} s).")
	private long measureSeconds;

	@Option(names = "--max-requests", paramLabel = "N", description = "The most requests one step sends while measured (default ${DEFAULT-VALUE}).")
	private int maxRequests = 200_000;

	/** The options with these defaults: {@code workDir} and {@code report} relative to where the run starts. */
	public RunOptions(String workDir, String report, long warmUpSeconds, long measureSeconds) {
		this.workDir = Path.of(workDir);
		this.report = Path.of(report);
		this.warmUpSeconds = warmUpSeconds;
		this.measureSeconds = measureSeconds;
	}

	/** The provider's jar, or null when not given (the run's options record refuses that). */
	public Path jar() {
		return this.jar;
	}

	/** The further {@code --name=value} settings for the provider, in order. */
	public List<String> providerArguments() {
		return List.copyOf(this.providerArguments);
	}

	public Path workDir() {
		return this.workDir;
	}

	public Path report() {
		return this.report;
	}

	public Duration warmUp() {
		return Duration.ofSeconds(this.warmUpSeconds);
	}

	public Duration measure() {
		return Duration.ofSeconds(this.measureSeconds);
	}

	public int maxRequests() {
		return this.maxRequests;
	}

}
