package dev.failsafe.idp.replication.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * HTTP session settings ({@code idp.session.*}).
 *
 * @param timeout how long an idle session lives; when unset, {@code spring.session.timeout}, else 30
 * minutes
 */
@ConfigurationProperties("idp.session")
public record SessionStoreProperties(Duration timeout) {

	/** The idle timeout when neither {@code idp.session.timeout} nor {@code spring.session.timeout} is set. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

	public SessionStoreProperties {
		if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
			throw new IllegalArgumentException("idp.session.timeout must be positive");
		}
	}

}
