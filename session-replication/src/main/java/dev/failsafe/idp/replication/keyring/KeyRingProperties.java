package dev.failsafe.idp.replication.keyring;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the key ring keeps its secrets on this member ({@code idp.keyring.*}).
 *
 * @param kekFile file holding the key-encryption key (32 raw bytes or their base64)
 * @param kekVariable environment variable holding the key-encryption key in base64; when set it wins
 * over {@code kekFile}
 * @param generateKek whether to generate {@code kekFile} on first start when neither it nor the
 * variable exists; when false such a start fails
 * @param ringFile this member's encrypted copy of the whole ring
 * @param repairInterval how often the ring and the local file are reconciled
 */
@Validated
@ConfigurationProperties("idp.keyring")
public record KeyRingProperties(@NotNull @DefaultValue("data/keyring.kek") Path kekFile,
		@NotBlank @DefaultValue("IDP_KEK") String kekVariable, @DefaultValue("true") boolean generateKek,
		@NotNull @DefaultValue("data/keyring.ring") Path ringFile,
		@NotNull @DefaultValue("30s") Duration repairInterval) {

	public KeyRingProperties {
		if (repairInterval != null && (repairInterval.isZero() || repairInterval.isNegative())) {
			throw new IllegalArgumentException("idp.keyring.repair-interval must be positive");
		}
	}

	/** The defaults, as binding an empty environment gives them. */
	public static KeyRingProperties defaults() {
		return new KeyRingProperties(Path.of("data/keyring.kek"), "IDP_KEK", true, Path.of("data/keyring.ring"),
				Duration.ofSeconds(30));
	}

}
