package dev.failsafe.idp.admin.cli;

import picocli.CommandLine.Option;

/** Mixin: tables for people by default, the API's own JSON for scripts. */
final class OutputOptions {

	@Option(names = "--json", description = "Print the admin API's JSON answer as it came, for scripts.")
	boolean json;

}
