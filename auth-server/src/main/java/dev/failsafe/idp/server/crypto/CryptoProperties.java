package dev.failsafe.idp.server.crypto;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which JCA provider does the provider's cryptography (JWT signing above all).
 *
 * @param provider {@code accp} (the default): Amazon Corretto Crypto Provider, native code, first in
 *        the JCA provider list, falling back to the JDK's own when its native library cannot load;
 *        {@code jdk}: the JDK's own providers only
 */
@Validated
@ConfigurationProperties("idp.crypto")
public record CryptoProperties(@NotNull @DefaultValue("accp") JcaProvider provider) {

	/** The provider choices. */
	public enum JcaProvider {

		/** Amazon Corretto Crypto Provider first, the JDK's providers after it (and instead of it if it fails). */
		ACCP,

		/** The JDK's own providers only. */
		JDK

	}

}
