package dev.failsafe.idp.server.keys;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets partners cache the JWKS for {@code idp.keys.jwks-cache-time}: the same duration that
 * publish-ahead is validated against, so a cached JWKS always holds the next signing key before it
 * signs. Spring Security leaves a Cache-Control header that is already set alone.
 */
public final class JwksCacheControl extends OncePerRequestFilter {

	private final String jwksPath;

	private final String cacheControl;

	public JwksCacheControl(String jwksPath, Duration cacheTime) {
		this.jwksPath = jwksPath;
		this.cacheControl = "public, max-age=" + cacheTime.toSeconds();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"GET".equals(request.getMethod()) || !this.jwksPath.equals(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader(HttpHeaders.CACHE_CONTROL, this.cacheControl);
		chain.doFilter(request, response);
	}

}
