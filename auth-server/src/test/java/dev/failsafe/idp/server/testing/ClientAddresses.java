package dev.failsafe.idp.server.testing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client addresses for tests that sign in from many places (sent as X-Forwarded-For through
 * {@link RunningProvider#PROXY}): documentation-range IPv6 (RFC 3849), each in a /64 of its own, so
 * login throttling counts each as another client. Never the suite's shared address, whose login
 * budget every other test draws on.
 */
public final class ClientAddresses {

	private static final AtomicInteger NEXT = new AtomicInteger();

	private ClientAddresses() {
	}

	/** An address no other call in this run returns, in a network of its own. */
	public static String next() {
		return "2001:db8:" + Integer.toHexString(NEXT.incrementAndGet()) + "::1";
	}

}
