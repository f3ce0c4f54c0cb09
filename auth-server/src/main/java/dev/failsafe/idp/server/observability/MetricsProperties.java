package dev.failsafe.idp.server.observability;

import java.nio.file.Path;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may read the metrics ({@code /actuator/prometheus}, {@code /actuator/metrics}): a scraper
 * sending {@code Authorization: Bearer <token>} with the scrape token, and nobody else. Without a
 * token configured nobody can read them. Health probes stay open.
 *
 * @param tokenVariable environment variable holding the scrape token (at least 32 characters); when set it wins
 * over {@code tokenFile}
 * @param tokenFile file holding the scrape token (surrounding whitespace ignored); unset by default
 */
@Validated
@ConfigurationProperties("idp.metrics")
public record MetricsProperties(@NotBlank @DefaultValue("IDP_METRICS_TOKEN") String tokenVariable, Path tokenFile) {
}
