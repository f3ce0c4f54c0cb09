package dev.failsafe.idp.bench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** The options naming the provider under test, the same in every run that starts it (a picocli mixin). */
public final class ProviderOptions {

	@Option(names = "--jar", paramLabel = "FILE", description = "The packaged provider (auth-server/target/auth-server.jar); required.")
	private Path jar;

	@Option(names = "--provider-arg", paramLabel = "--NAME=VALUE",
			description = "A further setting for the provider (repeatable), e.g. --provider-arg=--idp.crypto.provider=jdk.")
	private List<String> arguments = new ArrayList<>();

	/** The provider's jar, or null when not given (the options record says it is required). */
	public Path jar() {
		return this.jar;
	}

	/** The further {@code --name=value} settings for the provider, in order. */
	public List<String> arguments() {
		return List.copyOf(this.arguments);
	}

}
