package dev.failsafe.idp.server.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.failsafe.idp.testing.Command;
import dev.failsafe.idp.testing.provider.JvmOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the JDK of the build makes of the provider's launch flags ({@code auth-server/jvm.options},
 * the file every launch reads): the memory settings are in effect, each set by the file, and the
 * JVM starts with them.
 */
class LaunchFlagsTest {

	/** A line of {@code -XX:+PrintFlagsFinal}: type, name, value, then where the value came from. */
	private static final Pattern FLAG = Pattern.compile("(?m)^\\s*\\S+\\s+(\\w+)\\s+= (\\S*)\\s+\\{[^}]*}\\s+\\{([^}]*)}");

	private static Map<String, Flag> flags;

	@BeforeAll
	static void printFlags() throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String output = Command.of(java, JvmOptions.argument(), "-XX:+PrintFlagsFinal", "-version")
			.within(Duration.ofSeconds(60))
			.run();
		flags = new LinkedHashMap<>();
		Matcher matcher = FLAG.matcher(output);
		while (matcher.find()) {
			flags.put(matcher.group(1), new Flag(matcher.group(2), matcher.group(3)));
		}
		assertThat(flags).as(output).containsKey("UseSerialGC");
	}

	@Test
	void launchWhenStartedThenSerialCollectorWithAHeapThatFollowsWhatIsLive() {
		assertThat(flags.get("UseSerialGC")).isEqualTo(Flag.set("true"));
		assertThat(flags.get("UseG1GC").value()).isEqualTo("false");
		assertThat(flags.get("InitialHeapSize")).isEqualTo(Flag.set(String.valueOf(32L << 20)));
		assertThat(flags.get("MaxHeapSize").origin()).as("the JVM's, the chart's or a later flag's").isNotEqualTo("command line");
		assertThat(flags.get("MinHeapFreeRatio")).isEqualTo(Flag.set("10"));
		assertThat(flags.get("MaxHeapFreeRatio")).isEqualTo(Flag.set("30"));
	}

	@Test
	void launchWhenStartedOnThisJdkThenCompactHeadersAndNativeTrimAreInEffect() {
		assertThat(Runtime.version().feature()).as("the build's JDK").isGreaterThanOrEqualTo(25);
		assertThat(flags.get("UseCompactObjectHeaders")).isEqualTo(Flag.set("true"));
		assertThat(flags.get("TrimNativeHeapInterval")).isEqualTo(Flag.set("10000"));
	}

	/** A flag's final value and whether the command line (the file) set it. */
	record Flag(String value, String origin) {

		static Flag set(String value) {
			return new Flag(value, "command line");
		}

	}

}
