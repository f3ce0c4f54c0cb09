package dev.failsafe.idp.bench.cli;

import picocli.CommandLine.Option;

/** {@code -h}, {@code --help} for every bench command line (a picocli mixin; the bench has no version to print). */
public final class HelpOption {

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Shows this help and exits.")
	private boolean help;

}
