package dev.failsafe.idp.server.protocol;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;

/** Whether a request authenticates its client with HTTP Basic (RFC 6749 section 2.3.1). */
public final class BasicAuthorization {

	private static final String SCHEME = "Basic";

	private BasicAuthorization() {
	}

	/** True if the {@code Authorization} header uses the Basic scheme (any case). */
	public static boolean isSent(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
	}

}
