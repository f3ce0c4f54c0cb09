package dev.failsafe.idp.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

	@TempDir
	Path home;

	private final StringWriter warnings = new StringWriter();

	@Test
	void loadWhenNothingButEnvironmentCredentialsThenDefaultIssuer() {
		AdminSettings settings = loader(Map.of("IDP_ADMIN_CLIENT_ID", "admin", "IDP_ADMIN_CLIENT_SECRET", "s"))
			.load(null, null, null);

		assertThat(settings.issuer()).isEqualTo(URI.create("http://localhost:9000"));
		assertThat(settings.clientId()).isEqualTo("admin");
		assertThat(settings.clientSecret()).isEqualTo("s");
	}

	@Test
	void loadWhenOptionEnvironmentAndFileGiveIssuerThenOptionWinsThenEnvironment() throws IOException {
		writeDefaultConfig("issuer=http://file:1\nclient-id=file-id\nclient-secret=file-secret\n", "rw-------");
		Map<String, String> env = Map.of("IDP_ISSUER", "http://env:2/");

		assertThat(loader(env).load("http://option:3", null, null).issuer()).isEqualTo(URI.create("http://option:3"));
		assertThat(loader(env).load(null, null, null).issuer()).isEqualTo(URI.create("http://env:2"));
		assertThat(loader(Map.of()).load(null, null, null).issuer()).isEqualTo(URI.create("http://file:1"));
	}

	@Test
	void loadWhenDefaultConfigFileThenCredentialsFromItAndEnvironmentWins() throws IOException {
		writeDefaultConfig("client-id=file-id\nclient-secret=file-secret\n", "rw-------");

		AdminSettings fromFile = loader(Map.of()).load(null, null, null);
		AdminSettings fromEnv = loader(Map.of("IDP_ADMIN_CLIENT_SECRET", "env-secret")).load(null, null, null);

		assertThat(fromFile.clientId()).isEqualTo("file-id");
		assertThat(fromFile.clientSecret()).isEqualTo("file-secret");
		assertThat(fromEnv.clientId()).isEqualTo("file-id");
		assertThat(fromEnv.clientSecret()).isEqualTo("env-secret");
		assertThat(this.warnings.toString()).isEmpty();
	}

	@Test
	void loadWhenSecretVariableNamedThenSecretReadFromThatVariable() {
		Map<String, String> env = Map.of("IDP_ADMIN_CLIENT_ID", "admin", "IDP_ADMIN_CLIENT_SECRET", "default",
				"PROD_ADMIN_SECRET", "named");

		assertThat(loader(env).load(null, null, "PROD_ADMIN_SECRET").clientSecret()).isEqualTo("named");
	}

	@Test
	void loadWhenConfigWorldReadableThenRefusedWithChmodHint() throws IOException {
		Path config = write(this.home.resolve("admin.properties"), "client-id=a\nclient-secret=s\n", "rw-r--r--");

		assertThatExceptionOfType(CliException.BadInput.class).isThrownBy(() -> loader(Map.of()).load(null, config, null))
			.withMessageContaining("other users can read it")
			.withMessageContaining("chmod 600 " + config)
			.withMessageNotContaining("s\n");
	}

	@Test
	void loadWhenConfigGroupReadableThenWarned() throws IOException {
		Path config = write(this.home.resolve("admin.properties"), "client-id=a\nclient-secret=s\n", "rw-r-----");

		assertThat(loader(Map.of()).load(null, config, null).clientId()).isEqualTo("a");
		assertThat(this.warnings.toString()).startsWith("idp-admin: warning: config file").contains("group");
	}

	@Test
	void loadWhenConfigHasUnknownKeyThenRefusedNamingIt() throws IOException {
		Path config = write(this.home.resolve("admin.properties"), "clientid=a\n", "rw-------");

		assertThatExceptionOfType(CliException.BadInput.class).isThrownBy(() -> loader(Map.of()).load(null, config, null))
			.withMessageContaining("unknown setting 'clientid'");
	}

	@Test
	void loadWhenExplicitConfigMissingThenRefused() {
		Path missing = this.home.resolve("nope.properties");

		assertThatExceptionOfType(CliException.BadInput.class).isThrownBy(() -> loader(Map.of()).load(null, missing, null))
			.withMessage("config file " + missing + " does not exist");
	}

	@Test
	void loadWhenNoCredentialsThenRefusedSayingWhereToPutThem() {
		assertThatExceptionOfType(CliException.BadInput.class).isThrownBy(() -> loader(Map.of()).load(null, null, null))
			.withMessageContaining("IDP_ADMIN_CLIENT_ID")
			.withMessageContaining(".config/failsafe-idp/admin.properties");
	}

	@Test
	void loadWhenIssuerNotHttpUrlThenRefused() {
		Map<String, String> env = Map.of("IDP_ADMIN_CLIENT_ID", "a", "IDP_ADMIN_CLIENT_SECRET", "s");

		assertThatExceptionOfType(CliException.BadInput.class).isThrownBy(() -> loader(env).load("localhost:9000", null, null))
			.withMessageContaining("absolute http(s) URL");
	}

	@Test
	void toStringWhenSettingsThenSecretHidden() {
		assertThat(new AdminSettings(URI.create("http://x"), "id", "top-secret").toString()).doesNotContain("top-secret");
	}

	private SettingsLoader loader(Map<String, String> env) {
		return new SettingsLoader(env, this.home, new PrintWriter(this.warnings, true));
	}

	private void writeDefaultConfig(String content, String permissions) throws IOException {
		Path config = this.home.resolve(SettingsLoader.DEFAULT_CONFIG);
		Files.createDirectories(config.getParent());
		write(config, content, permissions);
	}

	private static Path write(Path file, String content, String permissions) throws IOException {
		Files.writeString(file, content);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
		return file;
	}

}
