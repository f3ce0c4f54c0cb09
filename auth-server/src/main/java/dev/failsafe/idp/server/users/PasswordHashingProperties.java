package dev.failsafe.idp.server.users;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How users' passwords are hashed: Argon2id (RFC 9106) at one of OWASP's recommended settings by
 * default (19 MiB, 2 passes, 1 lane). A stored hash weaker than these settings is rehashed at the
 * user's next successful sign-in.
 *
 * @param memory memory each hash fills (Argon2's {@code m}), in whole KiB, at least 1 MiB
 * @param iterations passes over that memory (Argon2's {@code t})
 * @param parallelism lanes computed in parallel (Argon2's {@code p})
 */
@Validated
@ConfigurationProperties("idp.passwords")
public record PasswordHashingProperties(@NotNull @DefaultValue("19MB") DataSize memory,
		@Min(1) @Max(64) @DefaultValue("2") int iterations, @Min(1) @Max(16) @DefaultValue("1") int parallelism) {

	/** The smallest memory setting accepted. */
	static final DataSize MIN_MEMORY = DataSize.ofMegabytes(1);

	/** The largest memory setting accepted (a hash per sign-in must not exhaust the heap). */
	static final DataSize MAX_MEMORY = DataSize.ofMegabytes(256);

	public PasswordHashingProperties {
		if (memory != null && (memory.compareTo(MIN_MEMORY) < 0 || memory.compareTo(MAX_MEMORY) > 0
				|| memory.toBytes() % 1024 != 0)) {
			throw new IllegalArgumentException(
					"idp.passwords.memory must be whole KiB between " + MIN_MEMORY + " and " + MAX_MEMORY + ": " + memory);
		}
	}

	/** OWASP's first Argon2id setting (m=19 MiB, t=2, p=1), the defaults. */
	public static PasswordHashingProperties owasp() {
		return new PasswordHashingProperties(DataSize.ofMegabytes(19), 2, 1);
	}

	/** {@link #memory()} in KiB, as Argon2 counts it. */
	public int memoryKib() {
		return Math.toIntExact(this.memory.toKilobytes());
	}

	/** The parameters as an Argon2 hash string states them: {@code m=19456,t=2,p=1}. */
	public String parameters() {
		return "m=" + memoryKib() + ",t=" + this.iterations + ",p=" + this.parallelism;
	}

}
