package dev.failsafe.idp.bench.compare;

import java.net.HttpCookie;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cookies of one browserless sign-in against one origin: set by {@code Set-Cookie}, removed
 * when expired by it, all sent back (paths are not told apart: every cookie here belongs to the
 * server under test). Unlike the JDK's {@code CookieManager} (and so the test kit's
 * {@code UserAgent}), it sends {@code Secure} cookies over plain HTTP, as browsers do to loopback
 * (a potentially trustworthy origin): Keycloak marks its login cookies {@code Secure} even when it
 * serves HTTP.
 */
final class CookieJar {

	private final Map<String, String> cookies = new LinkedHashMap<>();

	/** Adds the {@code Cookie} header to {@code request}, if any cookie is held. */
	HttpRequest.Builder attach(HttpRequest.Builder request) {
		if (!this.cookies.isEmpty()) {
			StringBuilder header = new StringBuilder();
			this.cookies.forEach((name, value) -> header.append(header.isEmpty() ? "" : "; ").append(name).append('=')
				.append(value));
			request.header("Cookie", header.toString());
		}
		return request;
	}

	/** Remembers what the response's {@code Set-Cookie} headers say; returns the response. */
	<T> HttpResponse<T> remember(HttpResponse<T> response) {
		for (String header : response.headers().allValues("Set-Cookie")) {
			for (HttpCookie cookie : HttpCookie.parse(header)) {
				if (cookie.getMaxAge() == 0) {
					this.cookies.remove(cookie.getName());
				}
				else {
					this.cookies.put(cookie.getName(), cookie.getValue());
				}
			}
		}
		return response;
	}

}
