package dev.failsafe.idp.server.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import dev.failsafe.idp.server.security.ChainOrder;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Metrics are not for the public listener: {@code /actuator/prometheus} and
 * {@code /actuator/metrics/**} answer only a bearer scrape token ({@link MetricsProperties}), 401
 * otherwise, while the health probes stay open for load balancers and Kubernetes. A separate
 * management port was not chosen: the load balancers check readiness on the public port, and
 * Spring Boot moves every Actuator endpoint, probes included, to a management port.
 */
@Configuration(proxyBeanMethods = false)
class MetricsSecurityConfiguration {

	/** Before the pages' chain, which matches every request. */
	@Bean
	@Order(ChainOrder.METRICS)
	SecurityFilterChain metricsFilterChain(HttpSecurity http, MetricsProperties properties, Environment environment) {
		ScrapeTokenIntrospector scrapeToken = new ScrapeTokenIntrospector(token(properties, environment));
		http.securityMatcher(EndpointRequest.to("prometheus", "metrics"))
			.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
			.oauth2ResourceServer(resourceServer -> resourceServer.opaqueToken(opaque -> opaque.introspector(scrapeToken)))
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(cache -> cache.disable());
		return http.build();
	}

	/** The variable's value, else the file's content, else null (nobody reads metrics). */
	private static String token(MetricsProperties properties, Environment environment) {
		String variable = environment.getProperty(properties.tokenVariable());
		if (variable != null && !variable.isBlank()) {
			return variable.strip();
		}
		if (properties.tokenFile() == null) {
			return null;
		}
		try {
			return Files.readString(properties.tokenFile(), StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read idp.metrics.token-file " + properties.tokenFile(), ex);
		}
	}

}
