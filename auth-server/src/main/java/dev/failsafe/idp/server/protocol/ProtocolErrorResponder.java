package dev.failsafe.idp.server.protocol;

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
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Renders protocol errors of the back-channel endpoints (token, introspection, revocation, client
 * authentication) as RFC 6749 section 5.2 JSON with the status the error calls for, and counts them
 * in {@value #METRIC} by endpoint and error code.
 *
 * <ul>
 * <li>{@code invalid_client}: 401, with {@code WWW-Authenticate: Basic} when the client used
 * Basic; a fixed description, so nothing about the client leaks. Also the answer when a request
 * carries no client authentication at all (this class is those endpoints' entry point).</li>
 * <li>{@code temporarily_unavailable}: 503 with {@code Retry-After} ({@link RetryAfter}); the store could
 * not confirm a write.</li>
 * <li>{@code server_error}: 500; everything else: 400, unless the caller names the status.</li>
 * </ul>
 */
public final class ProtocolErrorResponder implements AuthenticationFailureHandler, AuthenticationEntryPoint {

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
		OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError()
				: ProtocolErrors.invalidRequest();
		write(request, response, error);
	}

	/** A back-channel request reached authorization without any client authentication. */
	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		write(request, response, ProtocolErrors.clientAuthenticationFailed());
	}

	/** Writes {@code error} as the JSON response of this request, with the status its code calls for. */
	public void write(HttpServletRequest request, HttpServletResponse response, OAuth2Error error)
			throws IOException {
		write(request, response, error, statusOf(error));
	}

	/** Writes {@code error} as the JSON response of this request, with {@code status}. */
	public void write(HttpServletRequest request, HttpServletResponse response, OAuth2Error error, HttpStatus status)
			throws IOException {
		this.meters.counter(METRIC, "endpoint", request.getRequestURI(), "error", error.getErrorCode()).increment();
		ServletServerHttpResponse httpResponse = new ServletServerHttpResponse(response);
		httpResponse.setStatusCode(status);
		OAuth2Error body = error;
		if (OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode())) {
			if (BasicAuthorization.isSent(request)) {
				httpResponse.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + this.realm + "\"");
			}
			body = ProtocolErrors.clientAuthenticationFailed();
		}
		else if (OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE.equals(error.getErrorCode())) {
			RetryAfter.unconfirmedWrite(httpResponse.getHeaders());
		}
		httpResponse.getHeaders().setCacheControl("no-store");
		this.converter.write(body, null, httpResponse);
	}

	private static HttpStatus statusOf(OAuth2Error error) {
		return switch (error.getErrorCode()) {
			case OAuth2ErrorCodes.INVALID_CLIENT -> HttpStatus.UNAUTHORIZED;
			case OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
			case OAuth2ErrorCodes.SERVER_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
			default -> HttpStatus.BAD_REQUEST;
		};
	}

}
