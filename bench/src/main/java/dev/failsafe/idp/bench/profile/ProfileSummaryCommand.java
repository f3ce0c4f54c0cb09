package dev.failsafe.idp.bench.profile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import dev.failsafe.idp.bench.cli.Usage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@link ProfileSummary}'s command line: a recording, and how many of its last seconds to sum up. */
@Command(name = "profile-summary",
		description = "Prints where the provider's CPU went in the last seconds of a Flight Recorder file of the load run.")
final class ProfileSummaryCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	Usage usage;

	@Parameters(index = "0", paramLabel = "FILE.jfr", description = "The recording (the load run's --jfr).")
	Path recording;

	@Parameters(index = "1", paramLabel = "SECONDS", arity = "0..1", defaultValue = "8",
			description = "How many of its last seconds to sum up (default ${DEFAULT-VALUE}).")
	long lastSeconds;

	/** The seconds given, refused unless positive: a usage error. */
	Duration last() {
		return this.usage.validated(() -> {
			if (this.lastSeconds < 1) {
				throw new IllegalArgumentException("SECONDS must be positive: " + this.lastSeconds);
			}
			return Duration.ofSeconds(this.lastSeconds);
		});
	}

	@Override
	public Integer call() throws Exception {
		this.spec.commandLine().getOut().print(ProfileSummary.text(this.recording, last()));
		return 0;
	}

}
