package dev.failsafe.idp.testing.provider;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import dev.failsafe.idp.testing.Repository;

/**
 * The demo tenant the provider seeds (README, "Demo tenant"), for every module's tests: who signs
 * in and the demo clients. Read from the file the provider seeds from,
 * {@code auth-server/src/main/resources/demo-tenant.properties} (or the file the system property
 * {@value #PROPERTY} names), so the two cannot differ.
 */
public final class Demo {

	/** System property naming the file. */
	public static final String PROPERTY = "idp.demo.tenant";

	/** Where the file is in the repository. */
	public static final Path RELATIVE = Path.of("auth-server", "src", "main", "resources", "demo-tenant.properties");

	private static final Properties TENANT = load(Repository.file(PROPERTY, RELATIVE));

	public static final String USERNAME = value("username");

	public static final String PASSWORD = value("password");

	public static final String SHOP = value("shop.id");

	public static final String SHOP_SECRET = value("shop.secret");

	public static final String SHOP_REDIRECT_URI = value("shop.redirect-uri");

	public static final String SHOP_POST_LOGOUT_URI = value("shop.post-logout-redirect-uri");

	public static final String SHOP_BACKCHANNEL_LOGOUT_URI = value("shop.backchannel-logout-uri");

	public static final String SPA = value("spa.id");

	public static final String SPA_REDIRECT_URI = value("spa.redirect-uri");

	public static final String SPA_POST_LOGOUT_URI = value("spa.post-logout-redirect-uri");

	public static final String PARTNER_API = value("partner-api.id");

	public static final String PARTNER_API_SECRET = value("partner-api.secret");

	public static final String ADMIN = value("admin.id");

	public static final String ADMIN_SECRET = value("admin.secret");

	/** The scope that opens the admin API (the provider's {@code OperatorClients.ADMIN_SCOPE}). */
	public static final String ADMIN_SCOPE = "admin";

	private Demo() {
	}

	/** The tenant's values as the provider reads them. */
	public static Properties load(Path file) {
		Properties tenant = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			tenant.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the demo tenant " + file, ex);
		}
		return tenant;
	}

	private static String value(String name) {
		String value = TENANT.getProperty(name);
		if (value == null) {
			throw new IllegalStateException("The demo tenant has no " + name);
		}
		return value;
	}

}
