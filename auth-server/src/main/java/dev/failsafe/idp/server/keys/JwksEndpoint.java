package dev.failsafe.idp.server.keys;

import java.io.IOException;
import java.time.Duration;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves {@code GET} and {@code HEAD} of the JWKS from the bytes {@link PublishedKeySet} made for the
 * published keys, ahead of Spring Security (the JWKS is public, and every partner polls it):
 *
 * <ul>
 * <li>{@code Cache-Control: public, max-age=<idp.keys.jwks-cache-time>}, the duration publish-ahead
 * is validated against, so a cached JWKS always holds the next signing key before it signs;</li>
 * <li>a strong {@code ETag} of the bytes: a request whose {@code If-None-Match} names it (or
 * {@code *}) gets 304 Not Modified with the same {@code ETag} and {@code Cache-Control} and no body
 * (RFC 9110 sections 13.1.2 and 15.4.5);</li>
 * <li>{@code HEAD} gets the headers {@code GET} gets, {@code Content-Length} included, and no body.</li>
 * </ul>
 * Other methods go on to the endpoint guard, which refuses them with 405.
 */
public final class JwksEndpoint extends OncePerRequestFilter {

	private static final String NO_SNIFF = "nosniff";

	private final String path;

	private final PublishedKeySet keys;

	private final String cacheControl;

	public JwksEndpoint(String path, PublishedKeySet keys, Duration cacheTime) {
		this.path = path;
		this.keys = keys;
		this.cacheControl = "public, max-age=" + cacheTime.toSeconds();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		return !("GET".equals(method) || "HEAD".equals(method)) || !this.path.equals(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		PublishedKeySet.Document document = this.keys.current();
		response.setHeader(HttpHeaders.CACHE_CONTROL, this.cacheControl);
		response.setHeader(HttpHeaders.ETAG, document.etag());
		response.setHeader("X-Content-Type-Options", NO_SNIFF);
		if (matches(request.getHeaders(HttpHeaders.IF_NONE_MATCH), document.etag())) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			return;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(document.body().length);
		if ("GET".equals(request.getMethod())) {
			response.getOutputStream().write(document.body());
		}
	}

	/**
	 * Whether an {@code If-None-Match} list names {@code etag}: weak comparison (a {@code W/} prefix
	 * is ignored), {@code *} matches any.
	 */
	static boolean matches(Enumeration<String> ifNoneMatch, String etag) {
		while (ifNoneMatch != null && ifNoneMatch.hasMoreElements()) {
			for (String candidate : ifNoneMatch.nextElement().split(",")) {
				String tag = candidate.strip();
				if (tag.startsWith("W/")) {
					tag = tag.substring(2);
				}
				if (tag.equals("*") || tag.equals(etag)) {
					return true;
				}
			}
		}
		return false;
	}

}
