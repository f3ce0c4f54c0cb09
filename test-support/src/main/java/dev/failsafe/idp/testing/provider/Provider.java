package dev.failsafe.idp.testing.provider;

import java.net.URI;

/**
 * A provider under test as its clients reach it: its issuer, and where a path is served. An
 * in-process provider, a {@link ProviderProcess}, or a load balancer in front of several.
 */
public interface Provider {

	/** The issuer identifier it is configured with (a redirect there stays on the provider). */
	String issuer();

	/** Where {@code pathAndQuery} (starting with {@code /}) is served. */
	URI uri(String pathAndQuery);

	/** The provider whose issuer is {@code base}, served there. */
	static Provider at(String base) {
		return new Provider() {

			@Override
			public String issuer() {
				return base;
			}

			@Override
			public URI uri(String pathAndQuery) {
				return URI.create(base + pathAndQuery);
			}

		};
	}

}
