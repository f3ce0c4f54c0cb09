package dev.failsafe.idp.testing.provider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import dev.failsafe.idp.testing.Repository;

/**
 * The provider's JVM flags: the one Java argument file {@code auth-server/jvm.options} that every
 * launch of the provider passes as {@code @file} (README, "Run it"). Found through the system
 * property {@value #PROPERTY} (the build sets it), else by walking up from the working directory.
 */
public final class JvmOptions {

	/** System property naming the file. */
	public static final String PROPERTY = "idp.jvm.options";

	private static final Path RELATIVE = Path.of("auth-server", "jvm.options");

	private JvmOptions() {
	}

	/** The argument file. */
	public static Path file() {
		return Repository.file(PROPERTY, RELATIVE);
	}

	/** The {@code java} argument that reads the file: {@code @/path/to/jvm.options}. */
	public static String argument() {
		return "@" + file();
	}

	/** The flags in the file, as the launcher splits them (comments and line breaks dropped). */
	public static List<String> flags() {
		return parse(file());
	}

	/** The flags in an argument file ({@code #} starts a comment; no quoting is used). */
	public static List<String> parse(Path argumentFile) {
		try {
			return Files.readAllLines(argumentFile)
				.stream()
				.map(line -> line.replaceAll("#.*", "").strip())
				.filter(line -> !line.isEmpty())
				.flatMap(line -> Arrays.stream(line.split("\\s+")))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
