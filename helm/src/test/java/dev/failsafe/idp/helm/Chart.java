package dev.failsafe.idp.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The chart under {@code helm/failsafe-id} and its example values under {@code helm/examples}, run
 * through Helm inside the JVM (helm-java): {@code helm template} and {@code helm lint} as an
 * operator would run them.
 */
final class Chart {

	static final String RELEASE = "failsafe-id";

	static final String NAMESPACE = "idp";

	private Chart() {
	}

	static Path directory() {
		return Path.of(System.getProperty("idp.helm.chart", "failsafe-id")).toAbsolutePath();
	}

	static Path examples() {
		return Path.of(System.getProperty("idp.helm.examples", "examples")).toAbsolutePath();
	}

	/** Every example values file, sorted by name. */
	static List<Path> exampleFiles() {
		try (Stream<Path> files = Files.list(examples())) {
			return files.filter((file) -> file.toString().endsWith(".yaml")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The example values files of the sites (mode: site). */
	static List<Path> siteExampleFiles() {
		return exampleFiles().stream().filter((file) -> "site".equals(values(file).path("mode").asString())).toList();
	}

	static Path example(String name) {
		return examples().resolve(name + ".yaml");
	}

	/** A values file, parsed. */
	static ObjectNode values(Path valuesFile) {
		try {
			return (ObjectNode) Manifests.YAML.readTree(Files.readString(valuesFile));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code helm template failsafe-id helm/failsafe-id -n idp -f FILE}, parsed. */
	static Manifests render(Path valuesFile) {
		return Manifests.parse(new Helm(directory()).template()
			.withName(RELEASE)
			.withNamespace(NAMESPACE)
			.withValuesFile(valuesFile)
			.call());
	}

	/** A copy of a values file, changed, in the given directory. */
	static Path edit(Path valuesFile, Path directory, Consumer<ObjectNode> change) {
		ObjectNode values = values(valuesFile);
		change.accept(values);
		Path edited = directory.resolve("edited-" + valuesFile.getFileName());
		write(edited, values);
		return edited;
	}

	/**
	 * {@code helm lint} of the chart with these values: the library's lint takes no values file, so
	 * this lints a copy of the chart whose values.yaml is the chart's own merged with the file's, as
	 * Helm merges {@code -f} over the defaults (maps merged, everything else replaced).
	 */
	static LintResult lint(Path valuesFile, Path workDirectory) {
		Path copy = workDirectory.resolve("failsafe-id");
		copyTree(directory(), copy);
		ObjectNode merged = values(directory().resolve("values.yaml"));
		merge(merged, values(valuesFile));
		write(copy.resolve("values.yaml"), merged);
		return new Helm(copy).lint().strict().call();
	}

	/** {@code helm lint} of the chart as it is (its values.yaml alone). */
	static LintResult lintDefaults() {
		return new Helm(directory()).lint().strict().call();
	}

	private static void merge(ObjectNode target, JsonNode overrides) {
		for (Map.Entry<String, JsonNode> entry : overrides.properties()) {
			JsonNode current = target.get(entry.getKey());
			if (current instanceof ObjectNode currentObject && entry.getValue().isObject()) {
				merge(currentObject, entry.getValue());
			}
			else {
				target.set(entry.getKey(), entry.getValue());
			}
		}
	}

	private static void write(Path file, JsonNode values) {
		try {
			Files.writeString(file, Manifests.YAML.writeValueAsString(values));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void copyTree(Path from, Path to) {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path path : paths.toList()) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(path, target);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
