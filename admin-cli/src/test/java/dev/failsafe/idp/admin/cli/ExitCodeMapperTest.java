package dev.failsafe.idp.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class ExitCodeMapperTest {

	private final ExitCodeMapper mapper = new ExitCodeMapper();

	@Test
	void getExitCodeWhenEachFailureKindThenItsNamedCode() {
		CommandLine commandLine = commandLine();
		assertThat(this.mapper.getExitCode(new ParameterException(commandLine, "bad"))).isEqualTo(ExitCodes.USAGE);
		assertThat(this.mapper.getExitCode(new CliException.BadInput("bad"))).isEqualTo(ExitCodes.USAGE);
		assertThat(this.mapper.getExitCode(new CliException.AuthRefused("no"))).isEqualTo(ExitCodes.AUTH_REFUSED);
		assertThat(this.mapper.getExitCode(new CliException.Unreachable("down"))).isEqualTo(ExitCodes.UNREACHABLE);
		assertThat(this.mapper.getExitCode(new IllegalStateException("bug"))).isEqualTo(ExitCodes.SERVER_ERROR);
	}

	@Test
	void getExitCodeWhenApiProblemThenCodeFollowsStatus() {
		assertThat(code(400)).isEqualTo(ExitCodes.USAGE);
		assertThat(code(401)).isEqualTo(ExitCodes.AUTH_REFUSED);
		assertThat(code(403)).isEqualTo(ExitCodes.AUTH_REFUSED);
		assertThat(code(404)).isEqualTo(ExitCodes.NOT_FOUND);
		assertThat(code(409)).isEqualTo(ExitCodes.CONFLICT);
		assertThat(code(503)).isEqualTo(ExitCodes.TRY_AGAIN);
		assertThat(code(500)).isEqualTo(ExitCodes.SERVER_ERROR);
		assertThat(code(0)).isEqualTo(ExitCodes.SERVER_ERROR);
	}

	@Test
	void exitCodesWhenComparedThenAllDistinct() {
		assertThat(new int[] { ExitCodes.OK, ExitCodes.SERVER_ERROR, ExitCodes.USAGE, ExitCodes.AUTH_REFUSED,
				ExitCodes.UNREACHABLE, ExitCodes.NOT_FOUND, ExitCodes.CONFLICT, ExitCodes.TRY_AGAIN })
			.doesNotHaveDuplicates()
			.containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
	}

	@Test
	void messageWhenParameterExceptionThenOneLineNamingTheCommandsHelp() {
		CommandLine commandLine = commandLine();
		String message = this.mapper.message(new ParameterException(commandLine, "Unknown option: '--x'"));

		assertThat(message).isEqualTo("Unknown option: '--x' (see 'idp-admin --help')");
	}

	@Test
	void messageWhenMultiLineOrUnexpectedThenOneLineWithoutStackTrace() {
		assertThat(this.mapper.message(new CliException.ApiProblem(500, "first\n  second"))).isEqualTo("first second");
		assertThat(this.mapper.message(new NullPointerException())).isEqualTo("unexpected NullPointerException");
	}

	private static CommandLine commandLine() {
		PrintWriter sink = new PrintWriter(new StringWriter());
		return IdpAdminCli.create(new CliContext(Map.of(), Path.of("."), Duration.ofSeconds(1)), sink, sink);
	}

	private int code(int status) {
		return this.mapper.getExitCode(new CliException.ApiProblem(status, "x"));
	}

}
