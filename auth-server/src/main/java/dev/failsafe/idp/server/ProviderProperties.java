package dev.failsafe.idp.server;

import java.net.URI;
import java.nio.file.Path;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the provider as a whole.
 *
 * @param issuer the issuer identifier: the same at every site, since tokens from one site must
 * verify at all of them
 * @param productName the name shown on the login, consent and logout pages
 * @param dataDir where the embedded default keeps its H2 database, KEK and key-ring file
 */
@Validated
@ConfigurationProperties("idp")
public record ProviderProperties(@NotNull @DefaultValue("http://localhost:9000") URI issuer,
		@NotBlank @DefaultValue("Failsafe ID") String productName, @NotNull @DefaultValue("data") Path dataDir) {
}
