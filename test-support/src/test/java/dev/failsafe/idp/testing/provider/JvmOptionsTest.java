package dev.failsafe.idp.testing.provider;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one source of the provider's JVM flags, and two of its users: the build's test JVMs and the kit's launcher. */
class JvmOptionsTest {

	@Test
	void flagsWhenReadThenHazelcastsModuleAccessAndNativeAccessWithoutComments() {
		assertThat(JvmOptions.file()).endsWith(Path.of("auth-server", "jvm.options"));
		assertThat(JvmOptions.flags()).containsSubsequence("--add-modules", "java.se")
			.containsSubsequence("--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED")
			.containsSubsequence("--add-opens", "java.base/java.lang=ALL-UNNAMED")
			.containsSubsequence("--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED")
			.containsSubsequence("--add-opens", "java.management/sun.management=ALL-UNNAMED")
			.containsSubsequence("--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED")
			.contains("--enable-native-access=ALL-UNNAMED")
			.noneMatch(flag -> flag.startsWith("#"));
	}

	@Test
	void testJvmWhenStartedByTheBuildThenItGotEveryFlagOfTheFile() {
		assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments()).containsAll(asInputArguments(JvmOptions.flags()));
	}

	@Test
	void providerProcessWhenLaunchedThenJavaReadsTheFileBeforeTheJarAndItsOwnFlags() {
		ProviderProcess process = new ProviderProcess("p", 9999, Path.of("/tmp/p"), List.of("--a=b"), Map.of())
			.withJvmFlags(List.of("-Xmx123m"));

		assertThat(process.command()).containsSubsequence(JvmOptions.argument(), "-Xmx123m", "-jar",
				ProviderProcess.jar().toString(), "--server.port=9999", "--idp.data-dir=/tmp/p", "--a=b");
		assertThat(process.command().get(1)).isEqualTo("@" + JvmOptions.file());
	}

	/** The file's {@code --option value} pairs as the JVM reports them: {@code --option=value}. */
	static List<String> asInputArguments(List<String> flags) {
		List<String> arguments = new ArrayList<>();
		for (int i = 0; i < flags.size(); i++) {
			String flag = flags.get(i);
			boolean takesValue = List.of("--add-modules", "--add-exports", "--add-opens").contains(flag);
			arguments.add(takesValue ? flag + "=" + flags.get(++i) : flag);
		}
		return arguments;
	}

}
