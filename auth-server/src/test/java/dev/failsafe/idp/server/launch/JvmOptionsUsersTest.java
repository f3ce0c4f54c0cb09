package dev.failsafe.idp.server.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import dev.failsafe.idp.testing.provider.JvmOptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider's JVM flags live in one file, {@code auth-server/jvm.options}: the README's run
 * command ({@code spring-boot:run}) and the image read it as it is. (The test kit's launcher and the
 * build's test JVMs: test-support's {@code JvmOptionsTest}; the chart: helm's
 * {@code JvmOptionsInImageTest}.)
 */
class JvmOptionsUsersTest {

	@Test
	void readmeRunCommandWhenSpringBootRunThenItsJvmReadsTheFile() throws Exception {
		assertThat(Files.readString(Path.of("../README.md"))).contains("./mvnw -pl auth-server -am spring-boot:run");
		Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
		NodeList plugins = pom.getElementsByTagName("plugin");
		String jvmArguments = null;
		for (int i = 0; i < plugins.getLength(); i++) {
			Element plugin = (Element) plugins.item(i);
			if ("spring-boot-maven-plugin".equals(text(plugin, "artifactId"))) {
				jvmArguments = text(plugin, "jvmArguments");
			}
		}

		assertThat(jvmArguments).isEqualTo("@${project.basedir}/jvm.options");
		assertThat(Path.of("jvm.options").toAbsolutePath().normalize()).isEqualTo(JvmOptions.file());
	}

	@Test
	void imageWhenBuiltThenItCopiesTheFileAndItsEntrypointReadsIt() throws IOException {
		List<String> dockerfile = Files.readAllLines(Path.of("Dockerfile"));

		assertThat(dockerfile).contains("COPY jvm.options /app/jvm.options")
			.contains("ENTRYPOINT [\"java\", \"@/app/jvm.options\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
		assertThat(Files.readAllLines(Path.of(".dockerignore"))).contains("!jvm.options");
	}

	private static String text(Element parent, String tag) {
		NodeList found = parent.getElementsByTagName(tag);
		return (found.getLength() > 0) ? found.item(0).getTextContent().strip() : null;
	}

}
