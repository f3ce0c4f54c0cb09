package dev.failsafe.idp.bench.profile;

import java.nio.file.Path;
import java.time.Duration;

import dev.failsafe.idp.bench.cli.CommandRun;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileSummaryCommandTest {

	@Test
	void executeWhenARecordingIsGivenThenItsSummaryOverTheGivenSeconds(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("empty.jfr");
		try (Recording recording = new Recording()) {
			recording.start();
			recording.stop();
			recording.dump(file);
		}

		CommandRun run = CommandRun.of(new ProfileSummaryCommand(), file.toString(), "3");

		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("in the last 3 s of " + file);
		assertThat(CommandRun.parsed(new ProfileSummaryCommand(), file.toString()).last()).isEqualTo(Duration.ofSeconds(8));
	}

	@Test
	void executeWhenTheFileIsMissingOrTheSecondsAreWrongThenUsageErrorAndExitCode2() {
		CommandRun none = CommandRun.of(new ProfileSummaryCommand());
		CommandRun notSeconds = CommandRun.of(new ProfileSummaryCommand(), "x.jfr", "soon");
		CommandRun zero = CommandRun.of(new ProfileSummaryCommand(), "x.jfr", "0");

		assertThat(none.exitCode()).isEqualTo(2);
		assertThat(none.err()).contains("Missing required parameter: 'FILE.jfr'").doesNotContain("\tat ");
		assertThat(notSeconds.exitCode()).isEqualTo(2);
		assertThat(notSeconds.err()).contains("Invalid value for positional parameter at index 1 (SECONDS): 'soon'").doesNotContain("\tat ");
		assertThat(zero.exitCode()).isEqualTo(2);
		assertThat(zero.err()).contains("SECONDS must be positive").doesNotContain("\tat ");
	}

	@Test
	void executeWhenHelpThenUsageAndExitCode0() {
		CommandRun run = CommandRun.of(new ProfileSummaryCommand(), "--help");

		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("Usage: profile-summary", "FILE.jfr", "[SECONDS]", "(default 8)");
	}

}
