package dev.failsafe.idp.helm;

import java.nio.file.Path;
import java.util.List;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code helm lint --strict} of the chart, with every example values file and without values. */
class ChartLintTest {

	static List<Path> examples() {
		return Chart.exampleFiles();
	}

	@Test
	void examplesWhenListedThenTwoSitesAndTheWitness() {
		assertThat(Chart.exampleFiles()).extracting((file) -> file.getFileName().toString())
			.containsExactly("site-a.yaml", "site-b.yaml", "witness.yaml");
	}

	@ParameterizedTest
	@MethodSource("examples")
	void lintWhenExampleValuesThenNoWarningOrError(Path example, @TempDir Path work) {
		LintResult result = Chart.lint(example, work);

		assertThat(result.isFailed()).as("lint of %s: %s", example, result.getMessages()).isFalse();
		assertThat(result.getMessages()).noneMatch((message) -> message.startsWith("[WARNING]"))
			.noneMatch((message) -> message.startsWith("[ERROR]"));
	}

	@Test
	void lintWhenNoValuesGivenThenSchemaNamesEveryRequiredValue() {
		LintResult result = Chart.lintDefaults();

		assertThat(result.isFailed()).isTrue();
		assertThat(String.join("\n", result.getMessages())).contains("at '/site': missing property 'name'")
			.contains("missing property 'issuer'")
			.contains("at '/hazelcast': missing property 'members'")
			.contains("at '/redis/sentinel': missing properties 'master', 'nodes'")
			.contains("at '/database': missing property 'members'")
			.contains("at '/secrets/kek': missing property 'name'")
			.contains("at '/secrets/database': missing property 'name'");
	}

}
