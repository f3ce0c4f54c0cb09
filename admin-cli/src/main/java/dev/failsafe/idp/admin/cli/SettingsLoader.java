package dev.failsafe.idp.admin.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Resolves {@link AdminSettings}. Issuer: {@code --issuer}, else {@value #ISSUER_VARIABLE}, else the
 * config file's {@code issuer}, else {@value #DEFAULT_ISSUER}. Credentials: the environment
 * ({@value #CLIENT_ID_VARIABLE}, and {@value #CLIENT_SECRET_VARIABLE} or the variable
 * {@code --client-secret-env} names), else the config file's {@code client-id} and
 * {@code client-secret}. Never from an option value. The config file is {@code --config}, else
 * {@value #DEFAULT_CONFIG} under the home directory when it exists; one holding a secret is refused
 * when other users can read it, and a warning is printed when its group can.
 */
final class SettingsLoader {

	static final String ISSUER_VARIABLE = "IDP_ISSUER";

	static final String CLIENT_ID_VARIABLE = "IDP_ADMIN_CLIENT_ID";

	static final String CLIENT_SECRET_VARIABLE = "IDP_ADMIN_CLIENT_SECRET";

	static final String DEFAULT_ISSUER = "http://localhost:9000";

	static final String DEFAULT_CONFIG = ".config/failsafe-idp/admin.properties";

	static final Set<String> CONFIG_KEYS = Set.of("issuer", "client-id", "client-secret");

	private final Map<String, String> environment;

	private final Path home;

	private final PrintWriter warnings;

	SettingsLoader(Map<String, String> environment, Path home, PrintWriter warnings) {
		this.environment = environment;
		this.home = home;
		this.warnings = warnings;
	}

	AdminSettings load(String issuerOption, Path configOption, String secretVariable) {
		Properties file = readConfig(configOption);
		String issuer = firstOf(issuerOption, env(ISSUER_VARIABLE), file.getProperty("issuer"), DEFAULT_ISSUER);
		String variable = (secretVariable != null) ? secretVariable : CLIENT_SECRET_VARIABLE;
		String clientId = firstOf(env(CLIENT_ID_VARIABLE), file.getProperty("client-id"));
		String clientSecret = firstOf(env(variable), file.getProperty("client-secret"));
		if (clientId == null || clientSecret == null) {
			throw new CliException.BadInput("no admin client credentials: set " + CLIENT_ID_VARIABLE + " and " + variable
					+ ", or client-id and client-secret in " + configPath(configOption));
		}
		return new AdminSettings(issuer(issuer), clientId, clientSecret);
	}

	/** An absolute http(s) URL without query, fragment or trailing slash. */
	static URI issuer(String value) {
		try {
			URI uri = new URI(value.strip());
			boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
			if (!web || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
				throw new URISyntaxException(value, "not an absolute http(s) URL");
			}
			String text = uri.toString();
			return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
		}
		catch (URISyntaxException ex) {
			throw new CliException.BadInput("the issuer must be an absolute http(s) URL, not '" + value + "'");
		}
	}

	private Path configPath(Path configOption) {
		return (configOption != null) ? configOption : this.home.resolve(DEFAULT_CONFIG);
	}

	private Properties readConfig(Path configOption) {
		Path path = configPath(configOption);
		Properties properties = new Properties();
		if (configOption == null && !Files.exists(path)) {
			return properties;
		}
		if (!Files.isRegularFile(path)) {
			throw new CliException.BadInput("config file " + path + " does not exist");
		}
		try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new CliException.BadInput("cannot read config file " + path + ": " + ex.getMessage());
		}
		for (String key : properties.stringPropertyNames()) {
			if (!CONFIG_KEYS.contains(key)) {
				throw new CliException.BadInput("unknown setting '" + key + "' in " + path
						+ " (known: issuer, client-id, client-secret)");
			}
		}
		if (properties.getProperty("client-secret") != null) {
			checkSecretFile(path, "config file", "a client secret", this.warnings);
		}
		return properties;
	}

	/**
	 * Refuses a file holding {@code secret} that other users can read; warns when its group can. The
	 * check is skipped on a file system without POSIX permissions.
	 */
	static void checkSecretFile(Path path, String what, String secret, PrintWriter warnings) {
		Set<PosixFilePermission> permissions;
		try {
			permissions = Files.getPosixFilePermissions(path);
		}
		catch (UnsupportedOperationException | IOException ex) {
			return; // not a POSIX file system: nothing to check
		}
		if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
			throw new CliException.BadInput(what + " " + path + " holds " + secret
					+ " and other users can read it: run chmod 600 " + path);
		}
		if (permissions.contains(PosixFilePermission.GROUP_READ)) {
			warnings.println("idp-admin: warning: " + what + " " + path + " holds " + secret
					+ " and its group can read it (chmod 600 " + path + ")");
			warnings.flush();
		}
	}

	private String env(String name) {
		return this.environment.get(name);
	}

	private static String firstOf(String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value.strip();
			}
		}
		return null;
	}

}
