package dev.failsafe.idp.samples.partnerapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.failsafe.idp.samples.verifier.testing.LocalIssuer;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Points partner-api under test at a {@link LocalIssuer}, with its last good JWKS in a new directory. */
public final class IssuerProperties {

	private IssuerProperties() {
	}

	public static void register(DynamicPropertyRegistry registry, LocalIssuer issuer) {
		try {
			Path data = Files.createTempDirectory("partner-api-test");
			registry.add("partner-api.tokens.issuer", () -> LocalIssuer.ISSUER);
			registry.add("partner-api.tokens.jwks-uri", issuer::jwksUri);
			registry.add("partner-api.tokens.audience", () -> LocalIssuer.AUDIENCE);
			registry.add("partner-api.tokens.last-good-file", () -> data.resolve("jwks.json"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
