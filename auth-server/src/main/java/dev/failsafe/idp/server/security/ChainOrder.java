package dev.failsafe.idp.server.security;

/**
 * The order of Spring Security's filter chains: the first whose matcher takes a request handles it,
 * so the chains with narrow matchers come before the pages' chain, which takes every request.
 */
public final class ChainOrder {

	/** {@code /actuator/prometheus} and {@code /actuator/metrics}: the scrape token. */
	public static final int METRICS = -1;

	/** {@code /admin/**}: bearer tokens with the admin scope. */
	public static final int ADMIN = 0;

	/** The authorization server's endpoints. */
	public static final int AUTHORIZATION_SERVER = 1;

	/** Everything else: our pages, form login. */
	public static final int PAGES = 2;

	private ChainOrder() {
	}

}
