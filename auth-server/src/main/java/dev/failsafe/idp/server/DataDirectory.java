package dev.failsafe.idp.server;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code idp.data-dir} absolute before anything reads it, so every path derived from it (the
 * H2 URL, which H2 refuses with a bare relative path, the KEK and ring files) names one place, and
 * logs show where that is; and makes it owner-only ({@link DataDirectoryPermissions}) before anything
 * opens it. Runs after the configuration files are loaded.
 */
public final class DataDirectory implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY = "idp.data-dir";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String configured = environment.getProperty(PROPERTY);
		if (configured == null || configured.isBlank()) {
			return;
		}
		Path absolute = Path.of(configured).toAbsolutePath().normalize();
		DataDirectoryPermissions.secure(absolute);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("idp-data-dir-absolute", Map.of(PROPERTY, absolute.toString())));
	}

	@Override
	public int getOrder() {
		// After ConfigDataEnvironmentPostProcessor has loaded application.yml and friends.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
