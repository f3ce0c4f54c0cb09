package dev.failsafe.idp.bench.cli;

import java.time.Duration;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A duration given on the command line as a whole number of seconds ({@code --measure 8}). */
public final class Seconds implements ITypeConverter<Duration> {

	@Override
	public Duration convert(String value) {
		try {
			return Duration.ofSeconds(Long.parseLong(value.strip()));
		}
		catch (NumberFormatException notANumber) {
			throw new TypeConversionException("'" + value + "' is not a whole number of seconds");
		}
	}

}
