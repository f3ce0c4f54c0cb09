package dev.failsafe.idp.bench.cli;

import java.util.function.Supplier;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A bench command's usage (a picocli mixin every bench command has): {@code -h}, {@code --help}
 * (the bench has no version to print), and refused values as usage errors.
 */
public final class Usage {

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Shows this help and exits.")
	private boolean help;

	@Spec(Spec.Target.MIXEE)
	private CommandSpec command;

	/**
	 * The options record {@code options} builds from the parsed values; its validation (an
	 * {@link IllegalArgumentException}) becomes a usage error of the command: exit code 2, the
	 * message and the usage on standard error.
	 */
	public <T> T validated(Supplier<T> options) {
		try {
			return options.get();
		}
		catch (IllegalArgumentException refused) {
			throw new ParameterException(this.command.commandLine(), refused.getMessage(), refused);
		}
	}

}
