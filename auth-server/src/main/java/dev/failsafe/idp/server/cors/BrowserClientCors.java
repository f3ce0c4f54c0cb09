package dev.failsafe.idp.server.cors;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * CORS for the endpoints a single-page application calls from JavaScript, for the origins in
 * {@link CorsProperties}. A request from any other origin is not refused here: it goes on and gets
 * its usual protocol answer without CORS headers, so the browser keeps it from the page (and a
 * server-side client, which sends no {@code Origin}, is never affected).
 */
final class BrowserClientCors {

	/** A token request is a form POST; userinfo, JWKS and metadata are fetched with GET. */
	private static final List<String> METHODS = List.of(HttpMethod.GET.name(), HttpMethod.POST.name());

	/** The bearer token or client credentials, and the form's content type: nothing else is read. */
	private static final List<String> REQUEST_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE);

	/** The Bearer challenge of a refused userinfo call, which the page needs to see why. */
	private static final List<String> RESPONSE_HEADERS = List.of(HttpHeaders.WWW_AUTHENTICATE);

	private BrowserClientCors() {
	}

	/** The filter for {@code paths}; with no allowed origin it adds nothing to any answer. */
	static CorsFilter filter(CorsProperties properties, List<String> paths) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		CorsConfiguration policy = policy(properties);
		paths.forEach(path -> source.registerCorsConfiguration(path, policy));
		CorsFilter filter = new CorsFilter(source);
		filter.setCorsProcessor(new LenientCorsProcessor());
		return filter;
	}

	/** The configured origins, never with credentials (cookies). */
	private static CorsConfiguration policy(CorsProperties properties) {
		CorsConfiguration policy = new CorsConfiguration();
		policy.setAllowedOrigins(properties.allowedOrigins().stream().map(URI::toString).toList());
		policy.setAllowedMethods(METHODS);
		policy.setAllowedHeaders(REQUEST_HEADERS);
		policy.setExposedHeaders(RESPONSE_HEADERS);
		policy.setAllowCredentials(false);
		policy.setMaxAge(properties.maxAge());
		return policy;
	}

	/** Leaves a disallowed cross-origin request to the endpoint instead of answering 403 itself. */
	private static final class LenientCorsProcessor extends DefaultCorsProcessor {

		@Override
		public boolean processRequest(CorsConfiguration configuration, HttpServletRequest request,
				HttpServletResponse response) throws IOException {
			return super.processRequest(configuration, request, response) || !CorsUtils.isPreFlightRequest(request);
		}

		@Override
		protected void rejectRequest(ServerHttpResponse response) {
			// No CORS headers is the refusal: the browser withholds the answer from the page.
		}

	}

}
