package dev.failsafe.idp.server.protocol;

import java.time.Duration;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;

/**
 * How long a client is told to wait ({@code Retry-After}) when a store could not confirm a write:
 * the token endpoints' 503 {@code temporarily_unavailable} and the pages' 503 alike. Long enough for
 * a Redis Sentinel failover to finish (logins resumed 3.1 s after the primary was killed, README
 * "Redis"), so the retry is likely to succeed rather than fail again.
 */
public final class RetryAfter {

	/** The wait after a write the store could not confirm. */
	public static final Duration UNCONFIRMED_WRITE = Duration.ofSeconds(5);

	private RetryAfter() {
	}

	/** Sets {@code Retry-After} to {@link #UNCONFIRMED_WRITE}, in whole seconds. */
	public static void unconfirmedWrite(HttpHeaders headers) {
		headers.set(HttpHeaders.RETRY_AFTER, seconds());
	}

	/** Sets {@code Retry-After} to {@link #UNCONFIRMED_WRITE}, in whole seconds. */
	public static void unconfirmedWrite(HttpServletResponse response) {
		response.setHeader(HttpHeaders.RETRY_AFTER, seconds());
	}

	private static String seconds() {
		return Long.toString(UNCONFIRMED_WRITE.toSeconds());
	}

}
