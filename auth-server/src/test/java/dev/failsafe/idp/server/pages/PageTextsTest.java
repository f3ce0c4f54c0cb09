package dev.failsafe.idp.server.pages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every text a page shows comes from the message bundles (issue 15 item 7): no template holds text
 * of its own, neither between tags nor in an attribute a user sees, and the Korean bundle has every
 * English key (and no other).
 */
class PageTextsTest {

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	/** Text between two tags: anything but whitespace is hard-coded text. */
	private static final Pattern TEXT_NODE = Pattern.compile(">([^<]+)<");

	/** Attributes a user reads or hears, given literally (not th:...). */
	private static final Pattern VISIBLE_ATTRIBUTE = Pattern
		.compile("(?<![:\\w-])(title|alt|placeholder|aria-label|label)\\s*=\\s*\"([^\"]*)\"");

	private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([\\w.-]+)");

	@Test
	void templatesWhenScannedThenNoTextOfTheirOwn() throws IOException {
		List<String> found = new ArrayList<>();
		for (Path template : templates()) {
			String html = Files.readString(template)
				.replaceAll("(?s)<!--.*?-->", "")
				.replaceAll("(?s)<script.*?</script>", "")
				.replaceAll("(?s)<style.*?</style>", "");
			Matcher text = TEXT_NODE.matcher(html);
			while (text.find()) {
				if (!text.group(1).isBlank()) {
					found.add(TEMPLATES.relativize(template) + ": text \"" + text.group(1).strip() + "\"");
				}
			}
			Matcher attribute = VISIBLE_ATTRIBUTE.matcher(html);
			while (attribute.find()) {
				found.add(TEMPLATES.relativize(template) + ": " + attribute.group(1) + "=\"" + attribute.group(2) + "\"");
			}
		}
		assertThat(templates()).as("templates found").hasSizeGreaterThanOrEqualTo(6);
		assertThat(found).as("hard-coded texts").isEmpty();
	}

	@Test
	void bundlesWhenComparedThenKoreanHasExactlyTheEnglishKeys() throws IOException {
		Properties english = bundle("messages.properties");
		Properties korean = bundle("messages_ko.properties");
		assertThat(korean.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
		assertThat(korean.stringPropertyNames()).allSatisfy(key -> assertThat(korean.getProperty(key))
			.as(key)
			.isNotBlank());
	}

	@Test
	void templatesWhenScannedThenEveryMessageKeyExists() throws IOException {
		Properties english = bundle("messages.properties");
		List<String> missing = new ArrayList<>();
		for (Path template : templates()) {
			Matcher key = MESSAGE_KEY.matcher(Files.readString(template));
			while (key.find()) {
				if (!english.containsKey(key.group(1))) {
					missing.add(TEMPLATES.relativize(template) + ": " + key.group(1));
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	private static List<Path> templates() throws IOException {
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			return files.filter(file -> file.toString().endsWith(".html")).sorted().toList();
		}
	}

	private static Properties bundle(String name) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = PageTextsTest.class.getClassLoader().getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
		}
		return properties;
	}

}
