package dev.failsafe.idp.replication.hazelcast;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Hazelcast's start-up banner ({@code com.hazelcast.system}, INFO) prints the cluster name, which
 * carries a secret here (see {@code ClusterNameSecret}). That logger is set to WARN by default
 * ({@code logging.level.com.hazelcast.system=warn}, lowest precedence, so an application may still
 * set it), and {@link HazelcastMemberConfig} keeps the name out of every other line.
 */
public final class HazelcastLogDefaults implements EnvironmentPostProcessor {

	/** The logger whose INFO lines name the cluster. */
	public static final String BANNER_LOGGER = "com.hazelcast.system";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources()
			.addLast(new MapPropertySource("idp-hazelcast-log-defaults",
					Map.of("logging.level." + BANNER_LOGGER, "warn")));
	}

}
