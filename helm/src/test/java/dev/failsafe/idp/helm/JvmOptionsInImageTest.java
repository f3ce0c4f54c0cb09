package dev.failsafe.idp.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart runs the provider with its JVM flags from their one file ({@code auth-server/jvm.options}):
 * the image's entrypoint reads it ({@code java @/app/jvm.options ...}), and the chart keeps that
 * entrypoint, adding only its own options ({@code jvmOptions}, as {@code JAVA_TOOL_OPTIONS}).
 */
class JvmOptionsInImageTest {

	static java.util.List<Path> sites() {
		return Chart.siteExampleFiles();
	}

	@ParameterizedTest
	@MethodSource("sites")
	void templateWhenSiteThenTheImagesEntrypointRunsWithTheFileAndJvmOptionsOnlyAdd(Path site) throws IOException {
		JsonNode container = Chart.render(site).one("StatefulSet").container();
		String toolOptions = "";
		for (JsonNode variable : container.path("env")) {
			if (variable.path("name").asString().equals("JAVA_TOOL_OPTIONS")) {
				toolOptions = variable.path("value").asString();
			}
		}

		assertThat(container.has("command")).as("the image's entrypoint is kept").isFalse();
		assertThat(container.has("args")).isFalse();
		assertThat(toolOptions).isNotBlank().doesNotContain("--add-opens").doesNotContain("--add-exports");
		assertThat(Files.readAllLines(Path.of("../auth-server/Dockerfile")))
			.contains("COPY jvm.options /app/jvm.options")
			.anyMatch(line -> line.startsWith("ENTRYPOINT [\"java\", \"@/app/jvm.options\""));
		assertThat(Files.readString(Path.of("../auth-server/jvm.options"))).contains("--add-opens java.base/java.lang=ALL-UNNAMED");
	}

}
