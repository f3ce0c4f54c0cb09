package dev.failsafe.idp.server.web;

import java.io.IOException;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Renders protocol errors of the back-channel endpoints (token, introspection, revocation, client
 * authentication) as RFC 6749 section 5.2 JSON with the status the error calls for, and counts them
 * in {@value #METRIC} by endpoint and error code.
 *
 * <ul>
 * <li>{@code invalid_client}: 401, with {@code WWW-Authenticate: Basic} when the client used
 * Basic; no description, so nothing about the client leaks.</li>
 * <li>{@code temporarily_unavailable}: 503 with {@code Retry-After}; the store could not confirm a
 * write.</li>
 * <li>{@code server_error}: 500; everything else: 400.</li>
 * </ul>
 */
public final class ProtocolErrorResponder implements AuthenticationFailureHandler {

	public static final String METRIC = "idp.oauth2.errors";

	private final OAuth2ErrorHttpMessageConverter converter = new OAuth2ErrorHttpMessageConverter();

	private final MeterRegistry meters;

	private final String realm;

	public ProtocolErrorResponder(MeterRegistry meters, String realm) {
		this.meters = meters;
		this.realm = realm;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		SecurityContextHolder.clearContext();
		OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth2)
				? oauth2.getError() : new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
		write(request, response, error);
	}

	/** Writes {@code error} as the JSON response of this request. */
	public void write(HttpServletRequest request, HttpServletResponse response, OAuth2Error error)
			throws IOException {
		this.meters.counter(METRIC, "endpoint", request.getRequestURI(), "error", error.getErrorCode()).increment();
		ServletServerHttpResponse httpResponse = new ServletServerHttpResponse(response);
		OAuth2Error body = error;
		switch (error.getErrorCode()) {
			case OAuth2ErrorCodes.INVALID_CLIENT -> {
				httpResponse.setStatusCode(HttpStatus.UNAUTHORIZED);
				String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
				if (authorization != null && authorization.regionMatches(true, 0, "Basic", 0, 5)) {
					httpResponse.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + this.realm + "\"");
				}
				body = new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication failed.", null);
			}
			case OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE -> {
				httpResponse.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
				httpResponse.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
			}
			case OAuth2ErrorCodes.SERVER_ERROR -> httpResponse.setStatusCode(HttpStatus.INTERNAL_SERVER_ERROR);
			default -> httpResponse.setStatusCode(HttpStatus.BAD_REQUEST);
		}
		httpResponse.getHeaders().setCacheControl("no-store");
		this.converter.write(body, null, httpResponse);
	}

}
